-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm" WITH SCHEMA "public";

-- CreateTable
CREATE TABLE "ContactOptEvent" (
    "id" BIGSERIAL NOT NULL,
    "businessId" TEXT NOT NULL,
    "waId" TEXT NOT NULL,
    "status" "ContactOptStatus" NOT NULL,
    "source" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ContactOptEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ContactOptEvent_businessId_waId_at_idx" ON "ContactOptEvent"("businessId", "waId", "at");

-- CreateIndex
CREATE INDEX "Contact_waId_trgm_idx" ON "Contact" USING GIN ("waId" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Contact_profileName_trgm_idx" ON "Contact" USING GIN ("profileName" gin_trgm_ops);
