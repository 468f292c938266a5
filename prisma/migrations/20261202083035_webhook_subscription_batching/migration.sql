-- AlterTable
ALTER TABLE "WebhookSubscription" ADD COLUMN     "batching" BOOLEAN NOT NULL DEFAULT false;
