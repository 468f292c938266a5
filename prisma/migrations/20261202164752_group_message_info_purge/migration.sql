-- CreateIndex
CREATE INDEX "GroupMessage_sentAt_idx" ON "GroupMessage"("sentAt");
