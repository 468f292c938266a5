-- AlterTable
ALTER TABLE "BusinessMessage" ADD COLUMN     "contentPurgedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "BusinessMessage_content_kept_idx" ON "BusinessMessage"("createdAt") WHERE ("contentPurgedAt" IS NULL);
