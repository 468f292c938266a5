-- CreateTable
CREATE TABLE "BusinessDevice" (
    "phoneNumberId" TEXT NOT NULL,
    "accountId" UUID NOT NULL,
    "deviceId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BusinessDevice_pkey" PRIMARY KEY ("phoneNumberId")
);

-- CreateTable
CREATE TABLE "BusinessDeviceKey" (
    "accountId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "value" BYTEA NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BusinessDeviceKey_pkey" PRIMARY KEY ("accountId","key")
);

-- CreateTable
CREATE TABLE "BusinessDeviceMessage" (
    "wamid" TEXT NOT NULL,
    "accountId" UUID NOT NULL,
    "direction" TEXT NOT NULL,
    "peerAccountId" UUID NOT NULL,
    "clientMessageId" BIGINT NOT NULL,
    "serverTimestamp" BIGINT,

    CONSTRAINT "BusinessDeviceMessage_pkey" PRIMARY KEY ("wamid")
);

-- CreateIndex
CREATE UNIQUE INDEX "BusinessDevice_accountId_key" ON "BusinessDevice"("accountId");

-- CreateIndex
CREATE INDEX "BusinessDeviceMessage_accountId_clientMessageId_idx" ON "BusinessDeviceMessage"("accountId", "clientMessageId");

-- CreateIndex
CREATE INDEX "BusinessDeviceMessage_accountId_peerAccountId_serverTimesta_idx" ON "BusinessDeviceMessage"("accountId", "peerAccountId", "serverTimestamp");
