-- AlterTable
ALTER TABLE "Business" ADD COLUMN     "templateCreations" TIMESTAMP(3)[];
