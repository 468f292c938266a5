-- CreateEnum
CREATE TYPE "BusinessMessageDirection" AS ENUM ('inbound', 'outbound');

-- CreateEnum
CREATE TYPE "BusinessMessageStatus" AS ENUM ('queued', 'sent', 'delivered', 'read', 'failed');

-- CreateTable
CREATE TABLE "Media" (
    "id" TEXT NOT NULL,
    "businessId" TEXT NOT NULL,
    "phoneNumberId" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "fileSize" INTEGER NOT NULL,
    "filename" TEXT,
    "storageKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Media_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BusinessMessage" (
    "id" BIGSERIAL NOT NULL,
    "wamid" TEXT NOT NULL,
    "businessId" TEXT NOT NULL,
    "phoneNumberId" TEXT NOT NULL,
    "direction" "BusinessMessageDirection" NOT NULL,
    "waId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "contextWamid" TEXT,
    "bizOpaqueCallbackData" TEXT,
    "status" "BusinessMessageStatus" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),
    "deliveredAt" TIMESTAMP(3),
    "readAt" TIMESTAMP(3),
    "failedAt" TIMESTAMP(3),
    "error" JSONB,

    CONSTRAINT "BusinessMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SendOutbox" (
    "id" BIGSERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "businessId" TEXT NOT NULL,
    "phoneNumberId" TEXT NOT NULL,
    "messageId" BIGINT NOT NULL,
    "wamid" TEXT NOT NULL,
    "waId" TEXT NOT NULL,
    "typingIndicator" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SendOutbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SendIdempotencyKey" (
    "businessId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "bodyHash" BYTEA NOT NULL,
    "response" TEXT NOT NULL,
    "wamid" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SendIdempotencyKey_pkey" PRIMARY KEY ("businessId","key")
);

-- CreateIndex
CREATE INDEX "Media_businessId_id_idx" ON "Media"("businessId", "id");

-- CreateIndex
CREATE INDEX "Media_expiresAt_idx" ON "Media"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "BusinessMessage_wamid_key" ON "BusinessMessage"("wamid");

-- CreateIndex
CREATE INDEX "BusinessMessage_businessId_phoneNumberId_waId_id_idx" ON "BusinessMessage"("businessId", "phoneNumberId", "waId", "id");

-- CreateIndex
CREATE INDEX "BusinessMessage_businessId_id_idx" ON "BusinessMessage"("businessId", "id");

-- CreateIndex
CREATE INDEX "SendOutbox_nextAttemptAt_id_idx" ON "SendOutbox"("nextAttemptAt", "id");

-- CreateIndex
CREATE INDEX "SendOutbox_phoneNumberId_waId_id_idx" ON "SendOutbox"("phoneNumberId", "waId", "id");

-- CreateIndex
CREATE INDEX "SendIdempotencyKey_createdAt_idx" ON "SendIdempotencyKey"("createdAt");
