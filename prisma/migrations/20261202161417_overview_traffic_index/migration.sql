-- CreateIndex
CREATE INDEX "BusinessMessage_outbound_traffic_idx" ON "BusinessMessage"("businessId", "createdAt", "status", "phoneNumberId") WHERE (direction = 'outbound');
