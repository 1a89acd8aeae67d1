-- CreateEnum
CREATE TYPE "PublicationStatus" AS ENUM ('REQUESTED', 'ASSIGNED', 'NOTE_WRITTEN', 'LEAD_APPROVED', 'PUBLISHED', 'RETURNED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "PublicationKind" AS ENUM ('NEW_SERVICE', 'SERVICE_VERSION', 'NEW_SCHEMA', 'SCHEMA_VERSION');

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "publicationRequestId" TEXT;

-- CreateTable
CREATE TABLE "PublicationRequest" (
    "id" TEXT NOT NULL,
    "number" SERIAL NOT NULL,
    "kind" "PublicationKind" NOT NULL,
    "status" "PublicationStatus" NOT NULL DEFAULT 'REQUESTED',
    "institutionId" TEXT NOT NULL,
    "serviceId" TEXT,
    "serviceVersionId" TEXT,
    "schemaId" TEXT,
    "schemaVersionId" TEXT,
    "requestNote" TEXT NOT NULL,
    "requestedById" TEXT NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "assignedById" TEXT,
    "reviewerId" TEXT,
    "assignedAt" TIMESTAMP(3),
    "devEndpoint" TEXT,
    "noteActivities" TEXT,
    "noteRecommendations" TEXT,
    "noteAuthorId" TEXT,
    "noteWrittenAt" TIMESTAMP(3),
    "leadApprovedById" TEXT,
    "leadApprovedAt" TIMESTAMP(3),
    "headApprovedById" TEXT,
    "headApprovedAt" TIMESTAMP(3),
    "notePdf" BYTEA,
    "notePdfSha256" TEXT,
    "returnReason" TEXT,
    "returnedById" TEXT,
    "returnedAt" TIMESTAMP(3),
    "publishedAt" TIMESTAMP(3),
    "withdrawnAt" TIMESTAMP(3),
    "searchText" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PublicationRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PublicationRequest_number_key" ON "PublicationRequest"("number");

-- CreateIndex
CREATE UNIQUE INDEX "PublicationRequest_serviceVersionId_key" ON "PublicationRequest"("serviceVersionId");

-- CreateIndex
CREATE UNIQUE INDEX "PublicationRequest_schemaVersionId_key" ON "PublicationRequest"("schemaVersionId");

-- CreateIndex
CREATE INDEX "PublicationRequest_status_updatedAt_idx" ON "PublicationRequest"("status", "updatedAt");

-- CreateIndex
CREATE INDEX "PublicationRequest_institutionId_status_idx" ON "PublicationRequest"("institutionId", "status");

-- CreateIndex
CREATE INDEX "PublicationRequest_reviewerId_status_idx" ON "PublicationRequest"("reviewerId", "status");

-- CreateIndex
CREATE INDEX "PublicationRequest_serviceId_status_idx" ON "PublicationRequest"("serviceId", "status");

-- CreateIndex
CREATE INDEX "PublicationRequest_schemaId_status_idx" ON "PublicationRequest"("schemaId", "status");

-- CreateIndex
CREATE INDEX "Notification_publicationRequestId_idx" ON "Notification"("publicationRequestId");

-- AddForeignKey
ALTER TABLE "PublicationRequest" ADD CONSTRAINT "PublicationRequest_institutionId_fkey" FOREIGN KEY ("institutionId") REFERENCES "Institution"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PublicationRequest" ADD CONSTRAINT "PublicationRequest_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PublicationRequest" ADD CONSTRAINT "PublicationRequest_serviceVersionId_fkey" FOREIGN KEY ("serviceVersionId") REFERENCES "ServiceVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PublicationRequest" ADD CONSTRAINT "PublicationRequest_schemaId_fkey" FOREIGN KEY ("schemaId") REFERENCES "Schema"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PublicationRequest" ADD CONSTRAINT "PublicationRequest_schemaVersionId_fkey" FOREIGN KEY ("schemaVersionId") REFERENCES "SchemaVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PublicationRequest" ADD CONSTRAINT "PublicationRequest_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PublicationRequest" ADD CONSTRAINT "PublicationRequest_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_publicationRequestId_fkey" FOREIGN KEY ("publicationRequestId") REFERENCES "PublicationRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;
