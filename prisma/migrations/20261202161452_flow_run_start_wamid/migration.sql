-- AlterTable
ALTER TABLE "FlowRun" ADD COLUMN     "startWamid" TEXT;
