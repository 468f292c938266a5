-- CreateIndex
CREATE INDEX "Conversation_snoozed_idx" ON "Conversation"("snoozedUntil") WHERE ("status" = 'snoozed');
