-- CreateEnum
CREATE TYPE "Visibility" AS ENUM ('everyone', 'contacts', 'nobody');

-- CreateTable
CREATE TABLE "Profile" (
    "accountId" UUID NOT NULL,
    "name" BYTEA,
    "about" BYTEA,
    "photo" BYTEA,
    "photoAttachmentId" UUID,
    "version" INTEGER NOT NULL DEFAULT 0,
    "photoVisibility" "Visibility" NOT NULL DEFAULT 'everyone',
    "aboutVisibility" "Visibility" NOT NULL DEFAULT 'everyone',
    "lastSeenVisibility" "Visibility" NOT NULL DEFAULT 'contacts',
    "onlineVisibility" "Visibility" NOT NULL DEFAULT 'contacts',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Profile_pkey" PRIMARY KEY ("accountId")
);

-- CreateTable
CREATE TABLE "ProfileContact" (
    "ownerId" UUID NOT NULL,
    "contactId" UUID NOT NULL,

    CONSTRAINT "ProfileContact_pkey" PRIMARY KEY ("ownerId","contactId")
);
