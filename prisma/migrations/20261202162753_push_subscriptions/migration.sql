-- CreateTable
CREATE TABLE "PushSubscription" (
    "accountId" UUID NOT NULL,
    "deviceId" INTEGER NOT NULL,
    "provider" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "p256dh" TEXT,
    "auth" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PushSubscription_pkey" PRIMARY KEY ("accountId","deviceId")
);

-- AddForeignKey
ALTER TABLE "PushSubscription" ADD CONSTRAINT "PushSubscription_accountId_deviceId_fkey" FOREIGN KEY ("accountId", "deviceId") REFERENCES "Device"("accountId", "deviceId") ON DELETE CASCADE ON UPDATE CASCADE;
