-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "inboundCount" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "ConversationReadMark" (
    "conversationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "inboundCount" INTEGER NOT NULL,
    "readAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConversationReadMark_pkey" PRIMARY KEY ("conversationId","userId")
);

-- CreateTable
CREATE TABLE "InboxEvent" (
    "businessId" TEXT NOT NULL,
    "seq" BIGINT NOT NULL,
    "kind" TEXT NOT NULL,
    "conversationId" TEXT,
    "payload" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InboxEvent_pkey" PRIMARY KEY ("businessId","seq")
);

-- CreateTable
CREATE TABLE "InboxEventCounter" (
    "businessId" TEXT NOT NULL,
    "seq" BIGINT NOT NULL,

    CONSTRAINT "InboxEventCounter_pkey" PRIMARY KEY ("businessId")
);

-- CreateIndex
CREATE INDEX "ConversationReadMark_userId_idx" ON "ConversationReadMark"("userId");

-- CreateIndex
CREATE INDEX "InboxEvent_createdAt_idx" ON "InboxEvent"("createdAt");
