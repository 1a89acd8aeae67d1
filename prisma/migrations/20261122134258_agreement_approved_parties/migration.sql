-- AlterTable
ALTER TABLE "Agreement" ADD COLUMN     "approvedParties" JSONB;
