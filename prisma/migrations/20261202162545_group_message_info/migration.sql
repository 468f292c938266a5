-- CreateTable
CREATE TABLE "GroupMessage" (
    "senderAccountId" UUID NOT NULL,
    "clientMessageId" BIGINT NOT NULL,
    "groupId" UUID NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GroupMessage_pkey" PRIMARY KEY ("senderAccountId","clientMessageId")
);

-- CreateTable
CREATE TABLE "GroupMessageReceipt" (
    "senderAccountId" UUID NOT NULL,
    "clientMessageId" BIGINT NOT NULL,
    "memberAccountId" UUID NOT NULL,
    "deliveredAt" TIMESTAMP(3) NOT NULL,
    "readAt" TIMESTAMP(3),

    CONSTRAINT "GroupMessageReceipt_pkey" PRIMARY KEY ("senderAccountId","clientMessageId","memberAccountId")
);

-- CreateIndex
CREATE INDEX "GroupMessage_groupId_idx" ON "GroupMessage"("groupId");

-- AddForeignKey
ALTER TABLE "GroupMessage" ADD CONSTRAINT "GroupMessage_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupMessageReceipt" ADD CONSTRAINT "GroupMessageReceipt_senderAccountId_clientMessageId_fkey" FOREIGN KEY ("senderAccountId", "clientMessageId") REFERENCES "GroupMessage"("senderAccountId", "clientMessageId") ON DELETE CASCADE ON UPDATE CASCADE;
