-- DropIndex
DROP INDEX "WebhookDelivery_subscriptionId_orderingKey_state_seq_idx";

-- DropIndex
DROP INDEX "WebhookDelivery_subscriptionId_state_nextAttemptAt_idx";

-- CreateIndex
CREATE INDEX "WebhookDelivery_due_idx" ON "WebhookDelivery"("subscriptionId", "nextAttemptAt") WHERE (state = 'pending' AND "nextAttemptAt" IS NOT NULL);

-- CreateIndex
CREATE INDEX "WebhookDelivery_pending_key_idx" ON "WebhookDelivery"("subscriptionId", "orderingKey", "seq") WHERE (state = 'pending');
