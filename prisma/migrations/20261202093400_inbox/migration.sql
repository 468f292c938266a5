-- CreateTable
CREATE TABLE "Conversation" (
    "id" TEXT NOT NULL,
    "businessId" TEXT NOT NULL,
    "phoneNumberId" TEXT NOT NULL,
    "waId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "snoozedUntil" TIMESTAMP(3),
    "priority" TEXT NOT NULL DEFAULT 'none',
    "labels" TEXT[],
    "assigneeType" TEXT,
    "assigneeId" TEXT,
    "team" TEXT,
    "unreadCount" INTEGER NOT NULL DEFAULT 0,
    "lastInboundAt" TIMESTAMP(3),
    "lastMessageAt" TIMESTAMP(3) NOT NULL,
    "queuedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Conversation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConversationNote" (
    "id" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "authorId" TEXT,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConversationNote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CannedResponse" (
    "id" TEXT NOT NULL,
    "businessId" TEXT NOT NULL,
    "shortCode" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CannedResponse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InboxAgent" (
    "businessId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "available" BOOLEAN NOT NULL DEFAULT false,
    "capacity" INTEGER NOT NULL DEFAULT 5,
    "lastAssignedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InboxAgent_pkey" PRIMARY KEY ("businessId","userId")
);

-- CreateIndex
CREATE INDEX "Conversation_businessId_id_idx" ON "Conversation"("businessId", "id");

-- CreateIndex
CREATE INDEX "Conversation_businessId_assigneeType_assigneeId_status_idx" ON "Conversation"("businessId", "assigneeType", "assigneeId", "status");

-- CreateIndex
CREATE INDEX "Conversation_queue_idx" ON "Conversation"("businessId", "queuedAt") WHERE ("queuedAt" IS NOT NULL);

-- CreateIndex
CREATE UNIQUE INDEX "Conversation_phoneNumberId_waId_key" ON "Conversation"("phoneNumberId", "waId");

-- CreateIndex
CREATE INDEX "ConversationNote_conversationId_id_idx" ON "ConversationNote"("conversationId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "CannedResponse_businessId_shortCode_key" ON "CannedResponse"("businessId", "shortCode");
