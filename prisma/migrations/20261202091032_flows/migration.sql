-- CreateTable
CREATE TABLE "Flow" (
    "id" TEXT NOT NULL,
    "businessId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "phoneNumberIds" TEXT[],
    "triggers" JSONB NOT NULL DEFAULT '[]',
    "priority" INTEGER NOT NULL DEFAULT 0,
    "draft" JSONB NOT NULL,
    "liveVersion" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Flow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FlowVersion" (
    "flowId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "definition" JSONB NOT NULL,
    "publishedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FlowVersion_pkey" PRIMARY KEY ("flowId","version")
);

-- CreateTable
CREATE TABLE "FlowRun" (
    "id" TEXT NOT NULL,
    "businessId" TEXT NOT NULL,
    "flowId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "phoneNumberId" TEXT NOT NULL,
    "waId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "activeKey" TEXT,
    "currentNode" TEXT,
    "variables" JSONB NOT NULL DEFAULT '{}',
    "waitingFor" JSONB,
    "deadline" TIMESTAMP(3),
    "endReason" TEXT,
    "stepCount" INTEGER NOT NULL DEFAULT 0,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FlowRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FlowRunStep" (
    "runId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "node" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "outcome" TEXT,
    "variables" JSONB NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FlowRunStep_pkey" PRIMARY KEY ("runId","seq")
);

-- CreateTable
CREATE TABLE "FlowInbound" (
    "wamid" TEXT NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "businessId" TEXT NOT NULL,
    "phoneNumberId" TEXT NOT NULL,
    "waId" TEXT NOT NULL,
    "message" JSONB NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "handledAt" TIMESTAMP(3),
    "runId" TEXT,

    CONSTRAINT "FlowInbound_pkey" PRIMARY KEY ("wamid")
);

-- CreateIndex
CREATE INDEX "Flow_businessId_idx" ON "Flow"("businessId");

-- CreateIndex
CREATE UNIQUE INDEX "FlowRun_activeKey_key" ON "FlowRun"("activeKey");

-- CreateIndex
CREATE INDEX "FlowRun_businessId_flowId_startedAt_idx" ON "FlowRun"("businessId", "flowId", "startedAt");

-- CreateIndex
CREATE INDEX "FlowRun_deadline_idx" ON "FlowRun"("deadline");

-- CreateIndex
CREATE INDEX "FlowInbound_phoneNumberId_waId_seq_idx" ON "FlowInbound"("phoneNumberId", "waId", "seq");

-- CreateIndex
CREATE INDEX "FlowInbound_handledAt_seq_idx" ON "FlowInbound"("handledAt", "seq");

-- AddForeignKey
ALTER TABLE "FlowVersion" ADD CONSTRAINT "FlowVersion_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "Flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FlowRunStep" ADD CONSTRAINT "FlowRunStep_runId_fkey" FOREIGN KEY ("runId") REFERENCES "FlowRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;
