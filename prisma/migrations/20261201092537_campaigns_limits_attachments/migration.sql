-- CreateEnum
CREATE TYPE "CampaignStatus" AS ENUM ('DRAFT', 'SCHEDULED', 'RUNNING', 'PAUSED', 'COMPLETED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "CampaignRecipientState" AS ENUM ('PENDING', 'DISPATCHED', 'SKIPPED', 'FAILED');

-- AlterTable
ALTER TABLE "Business" ADD COLUMN     "messagingLimitTier" "MessagingLimitTier" NOT NULL DEFAULT 'TIER_250',
ADD COLUMN     "tierChangedAt" TIMESTAMP(3),
ADD COLUMN     "timeZone" TEXT NOT NULL DEFAULT 'UTC';

-- AlterTable
ALTER TABLE "BusinessMessage" ADD COLUMN     "campaignId" TEXT;

-- AlterTable
ALTER TABLE "BusinessNumber" DROP COLUMN "messagingLimitTier";

-- CreateTable
CREATE TABLE "BusinessInitiatedContact" (
    "businessId" TEXT NOT NULL,
    "waId" TEXT NOT NULL,
    "firstAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BusinessInitiatedContact_pkey" PRIMARY KEY ("businessId","waId")
);

-- CreateTable
CREATE TABLE "ChatStart" (
    "accountId" UUID NOT NULL,
    "peerAccountId" UUID NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChatStart_pkey" PRIMARY KEY ("accountId","peerAccountId")
);

-- CreateTable
CREATE TABLE "Campaign" (
    "id" TEXT NOT NULL,
    "businessId" TEXT NOT NULL,
    "phoneNumberId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "templateName" TEXT NOT NULL,
    "templateLanguage" TEXT NOT NULL,
    "components" JSONB NOT NULL DEFAULT '[]',
    "audience" JSONB NOT NULL,
    "status" "CampaignStatus" NOT NULL DEFAULT 'DRAFT',
    "pauseReason" TEXT,
    "waitReason" TEXT,
    "waitUntil" TIMESTAMP(3),
    "scheduledAt" TIMESTAMP(3),
    "startedAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),
    "cancelledAt" TIMESTAMP(3),
    "recipientCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Campaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CampaignRecipient" (
    "campaignId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "input" TEXT NOT NULL,
    "waId" TEXT,
    "variables" JSONB,
    "state" "CampaignRecipientState" NOT NULL DEFAULT 'PENDING',
    "reason" TEXT,
    "notBefore" TIMESTAMP(3),
    "wamid" TEXT,
    "dispatchedAt" TIMESTAMP(3),

    CONSTRAINT "CampaignRecipient_pkey" PRIMARY KEY ("campaignId","seq")
);

-- CreateTable
CREATE TABLE "Attachment" (
    "id" UUID NOT NULL,
    "uploaderAccountId" UUID NOT NULL,
    "size" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Attachment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BusinessInitiatedContact_businessId_lastAt_idx" ON "BusinessInitiatedContact"("businessId", "lastAt");

-- CreateIndex
CREATE INDEX "ChatStart_accountId_at_idx" ON "ChatStart"("accountId", "at");

-- CreateIndex
CREATE INDEX "Campaign_businessId_id_idx" ON "Campaign"("businessId", "id");

-- CreateIndex
CREATE INDEX "Campaign_status_scheduledAt_idx" ON "Campaign"("status", "scheduledAt");

-- CreateIndex
CREATE UNIQUE INDEX "CampaignRecipient_wamid_key" ON "CampaignRecipient"("wamid");

-- CreateIndex
CREATE INDEX "CampaignRecipient_campaignId_state_seq_idx" ON "CampaignRecipient"("campaignId", "state", "seq");

-- CreateIndex
CREATE INDEX "Attachment_expiresAt_idx" ON "Attachment"("expiresAt");

-- CreateIndex
CREATE INDEX "BusinessMessage_campaignId_status_idx" ON "BusinessMessage"("campaignId", "status");
