-- AlterTable
ALTER TABLE "FlowRunStep" ADD COLUMN     "wamid" TEXT;

-- CreateIndex
CREATE INDEX "FlowRunStep_wamid_idx" ON "FlowRunStep"("wamid") WHERE ("wamid" IS NOT NULL);
