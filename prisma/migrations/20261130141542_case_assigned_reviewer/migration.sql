-- AlterTable
ALTER TABLE "ConnectionCase" ADD COLUMN     "assignedAt" TIMESTAMP(3),
ADD COLUMN     "assignedReviewerId" TEXT;

-- CreateIndex
CREATE INDEX "ConnectionCase_assignedReviewerId_status_idx" ON "ConnectionCase"("assignedReviewerId", "status");

-- AddForeignKey
ALTER TABLE "ConnectionCase" ADD CONSTRAINT "ConnectionCase_assignedReviewerId_fkey" FOREIGN KEY ("assignedReviewerId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;
