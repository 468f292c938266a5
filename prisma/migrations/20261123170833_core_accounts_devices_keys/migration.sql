-- CreateTable
CREATE TABLE "Account" (
    "id" UUID NOT NULL,
    "number" TEXT NOT NULL,
    "pinHash" TEXT,
    "pinFailedAttempts" INTEGER NOT NULL DEFAULT 0,
    "pinLockedUntil" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "registeredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Device" (
    "accountId" UUID NOT NULL,
    "deviceId" INTEGER NOT NULL,
    "name" TEXT,
    "credentialHash" BYTEA NOT NULL,
    "registrationId" INTEGER,
    "identityKey" BYTEA,
    "signedPreKeyId" INTEGER,
    "signedPreKey" BYTEA,
    "signedPreKeySignature" BYTEA,
    "lastResortKyberId" INTEGER,
    "lastResortKyberKey" BYTEA,
    "lastResortKyberSignature" BYTEA,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Device_pkey" PRIMARY KEY ("accountId","deviceId")
);

-- CreateTable
CREATE TABLE "OneTimePreKey" (
    "accountId" UUID NOT NULL,
    "deviceId" INTEGER NOT NULL,
    "keyId" INTEGER NOT NULL,
    "publicKey" BYTEA NOT NULL,

    CONSTRAINT "OneTimePreKey_pkey" PRIMARY KEY ("accountId","deviceId","keyId")
);

-- CreateTable
CREATE TABLE "KyberPreKey" (
    "accountId" UUID NOT NULL,
    "deviceId" INTEGER NOT NULL,
    "keyId" INTEGER NOT NULL,
    "publicKey" BYTEA NOT NULL,
    "signature" BYTEA NOT NULL,

    CONSTRAINT "KyberPreKey_pkey" PRIMARY KEY ("accountId","deviceId","keyId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Account_number_key" ON "Account"("number");

-- AddForeignKey
ALTER TABLE "Device" ADD CONSTRAINT "Device_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OneTimePreKey" ADD CONSTRAINT "OneTimePreKey_accountId_deviceId_fkey" FOREIGN KEY ("accountId", "deviceId") REFERENCES "Device"("accountId", "deviceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KyberPreKey" ADD CONSTRAINT "KyberPreKey_accountId_deviceId_fkey" FOREIGN KEY ("accountId", "deviceId") REFERENCES "Device"("accountId", "deviceId") ON DELETE CASCADE ON UPDATE CASCADE;
