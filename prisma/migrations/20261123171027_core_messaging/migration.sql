-- CreateTable
CREATE TABLE "MailboxMessage" (
    "id" BIGSERIAL NOT NULL,
    "kind" SMALLINT NOT NULL,
    "senderAccountId" UUID NOT NULL,
    "senderDeviceId" INTEGER NOT NULL,
    "clientMessageId" BIGINT,
    "serverTimestamp" BIGINT NOT NULL,
    "body" BYTEA,

    CONSTRAINT "MailboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MailboxEnvelope" (
    "id" BIGSERIAL NOT NULL,
    "accountId" UUID NOT NULL,
    "deviceId" INTEGER NOT NULL,
    "messageId" BIGINT NOT NULL,
    "type" SMALLINT NOT NULL,
    "content" BYTEA,

    CONSTRAINT "MailboxEnvelope_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "MailboxMessage_serverTimestamp_idx" ON "MailboxMessage"("serverTimestamp");

-- CreateIndex
CREATE UNIQUE INDEX "MailboxMessage_senderAccountId_senderDeviceId_clientMessage_key" ON "MailboxMessage"("senderAccountId", "senderDeviceId", "clientMessageId");

-- CreateIndex
CREATE INDEX "MailboxEnvelope_accountId_deviceId_id_idx" ON "MailboxEnvelope"("accountId", "deviceId", "id");

-- CreateIndex
CREATE INDEX "MailboxEnvelope_messageId_idx" ON "MailboxEnvelope"("messageId");

-- AddForeignKey
ALTER TABLE "MailboxEnvelope" ADD CONSTRAINT "MailboxEnvelope_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "MailboxMessage"("id") ON DELETE CASCADE ON UPDATE CASCADE;
