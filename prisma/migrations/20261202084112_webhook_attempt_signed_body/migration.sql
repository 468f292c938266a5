-- AlterTable
ALTER TABLE "WebhookAttempt" ADD COLUMN     "eventIds" BIGINT[] DEFAULT ARRAY[]::BIGINT[],
ADD COLUMN     "signature" TEXT;
