-- CreateEnum
CREATE TYPE "CooperationParty" AS ENUM ('SEGPRES', 'INSTITUTION');

-- AlterTable
ALTER TABLE "CooperationAgreement" ADD COLUMN     "terminationGivenBy" "CooperationParty",
ADD COLUMN     "terminationRecordedAt" TIMESTAMP(3),
ADD COLUMN     "terminationRecordedById" TEXT;

-- AddForeignKey
ALTER TABLE "CooperationAgreement" ADD CONSTRAINT "CooperationAgreement_terminationRecordedById_fkey" FOREIGN KEY ("terminationRecordedById") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;
