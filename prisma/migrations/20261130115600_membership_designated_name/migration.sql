-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "designatedName" TEXT;
