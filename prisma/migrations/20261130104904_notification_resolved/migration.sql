-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "resolvedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Notification_caseId_idx" ON "Notification"("caseId");
