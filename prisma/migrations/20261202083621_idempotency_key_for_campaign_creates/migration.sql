-- AlterTable
ALTER TABLE "SendIdempotencyKey" ALTER COLUMN "wamid" DROP NOT NULL;
