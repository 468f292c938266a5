-- AlterTable
ALTER TABLE "MailboxMessage" ADD COLUMN     "expiresAt" BIGINT;

-- CreateIndex
CREATE INDEX "MailboxMessage_expiresAt_idx" ON "MailboxMessage"("expiresAt");
