-- AlterTable
ALTER TABLE "FlowRun" ADD COLUMN     "definition" JSONB;
