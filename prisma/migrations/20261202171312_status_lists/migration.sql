-- AlterTable
ALTER TABLE "Group" ADD COLUMN     "statusOf" UUID;

-- CreateIndex
CREATE UNIQUE INDEX "Group_statusOf_key" ON "Group"("statusOf");
