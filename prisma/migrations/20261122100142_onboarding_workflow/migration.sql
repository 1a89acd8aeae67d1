-- CreateEnum
CREATE TYPE "TrainingKind" AS ENUM ('CONSUMPTION', 'PROVISION');

-- CreateEnum
CREATE TYPE "ServiceProtocol" AS ENUM ('REST', 'SOAP');

-- CreateEnum
CREATE TYPE "ConnectionStatus" AS ENUM ('MEETING_REQUESTED', 'MEETING_SCHEDULED', 'MEETING_HELD', 'DEV_NODE_PROVISIONED', 'PROMOTION_REQUESTED', 'PROMOTION_REVIEWED', 'CONNECTED', 'CLOSED');

-- CreateEnum
CREATE TYPE "RequesterRole" AS ENUM ('PROVIDER', 'CONSUMER', 'BOTH');

-- CreateEnum
CREATE TYPE "AgreementKind" AS ENUM ('CONVENIO', 'TERMINOS_Y_CONDICIONES', 'OTRO');

-- CreateEnum
CREATE TYPE "AgreementStatus" AS ENUM ('REQUESTED', 'APPROVED', 'REJECTED', 'IN_FORCE', 'EXPIRED', 'TERMINATED');

-- CreateEnum
CREATE TYPE "AgreementParty" AS ENUM ('CONSUMER', 'PROVIDER');

-- CreateEnum
CREATE TYPE "NodeEnvironment" AS ENUM ('DEVELOPMENT', 'PRODUCTION');

-- CreateEnum
CREATE TYPE "TestOutcome" AS ENUM ('PASSED', 'FAILED');

-- CreateEnum
CREATE TYPE "PromotionStatus" AS ENUM ('REQUESTED', 'REVIEWED', 'APPROVED', 'REJECTED');

-- CreateTable
CREATE TABLE "CooperationAgreement" (
    "id" TEXT NOT NULL,
    "institutionId" TEXT NOT NULL,
    "signedOn" DATE NOT NULL,
    "segpresDecreeNumber" TEXT NOT NULL,
    "segpresDecreeDate" DATE NOT NULL,
    "institutionDecreeNumber" TEXT NOT NULL,
    "institutionDecreeDate" DATE NOT NULL,
    "availability" TEXT NOT NULL DEFAULT '24x7',
    "criticalResolutionHours" INTEGER NOT NULL DEFAULT 2,
    "terminationNoticeOn" DATE,
    "terminatesOn" DATE,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CooperationAgreement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingWorkshop" (
    "id" TEXT NOT NULL,
    "kind" "TrainingKind" NOT NULL,
    "title" TEXT NOT NULL,
    "heldOn" DATE NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrainingWorkshop_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingAttendance" (
    "id" TEXT NOT NULL,
    "workshopId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "institutionId" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrainingAttendance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Document" (
    "id" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "content" BYTEA NOT NULL,
    "uploadedById" TEXT,
    "uploadedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "cooperationAgreementId" TEXT,
    "agreementId" TEXT,

    CONSTRAINT "Document_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Service" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "protocol" "ServiceProtocol" NOT NULL,
    "requiresAgreement" BOOLEAN NOT NULL DEFAULT true,
    "devEndpoint" TEXT,
    "prodEndpoint" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Service_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConnectionCase" (
    "id" TEXT NOT NULL,
    "number" SERIAL NOT NULL,
    "consumerId" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,
    "status" "ConnectionStatus" NOT NULL DEFAULT 'MEETING_REQUESTED',
    "requesterRole" "RequesterRole" NOT NULL,
    "needs" TEXT NOT NULL,
    "preferredDates" DATE[],
    "meetingAt" TIMESTAMP(3),
    "meetingLink" TEXT,
    "meetingNotes" TEXT,
    "requestedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConnectionCase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Agreement" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "kind" "AgreementKind" NOT NULL,
    "status" "AgreementStatus" NOT NULL DEFAULT 'REQUESTED',
    "legalBasis" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "procedure" TEXT NOT NULL,
    "dataRequested" TEXT NOT NULL,
    "expectedVolume" TEXT NOT NULL,
    "serviceLevels" JSONB,
    "rejectionReason" TEXT,
    "endsOn" DATE,
    "requestedById" TEXT NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "inForceFrom" TIMESTAMP(3),
    "terminationNoticeOn" DATE,
    "terminatesOn" DATE,
    "terminationReason" TEXT,

    CONSTRAINT "Agreement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgreementSignature" (
    "id" TEXT NOT NULL,
    "agreementId" TEXT NOT NULL,
    "party" "AgreementParty" NOT NULL,
    "signedById" TEXT NOT NULL,
    "signedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "documentSha256" TEXT NOT NULL,

    CONSTRAINT "AgreementSignature_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Node" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "institutionId" TEXT NOT NULL,
    "environment" "NodeEnvironment" NOT NULL,
    "configuration" JSONB NOT NULL,
    "credentialHash" TEXT NOT NULL,
    "issuedById" TEXT NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),
    "revokedById" TEXT,

    CONSTRAINT "Node_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConnectivityTest" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "ranAt" TIMESTAMP(3) NOT NULL,
    "target" TEXT NOT NULL,
    "outcome" "TestOutcome" NOT NULL,
    "latencyMs" INTEGER,
    "notes" TEXT,
    "recordedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConnectivityTest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PromotionRequest" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "status" "PromotionStatus" NOT NULL DEFAULT 'REQUESTED',
    "checklist" JSONB NOT NULL,
    "requestedById" TEXT NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reviewedById" TEXT,
    "reviewedAt" TIMESTAMP(3),
    "approvedById" TEXT,
    "approvedAt" TIMESTAMP(3),
    "rejectedById" TEXT,
    "rejectedAt" TIMESTAMP(3),
    "rejectionReason" TEXT,

    CONSTRAINT "PromotionRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "recipientId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "link" TEXT NOT NULL,
    "caseId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMP(3),
    "emailedAt" TIMESTAMP(3),

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CooperationAgreement_institutionId_key" ON "CooperationAgreement"("institutionId");

-- CreateIndex
CREATE INDEX "TrainingWorkshop_heldOn_idx" ON "TrainingWorkshop"("heldOn");

-- CreateIndex
CREATE INDEX "TrainingAttendance_institutionId_idx" ON "TrainingAttendance"("institutionId");

-- CreateIndex
CREATE UNIQUE INDEX "TrainingAttendance_workshopId_personId_key" ON "TrainingAttendance"("workshopId", "personId");

-- CreateIndex
CREATE INDEX "Document_cooperationAgreementId_idx" ON "Document"("cooperationAgreementId");

-- CreateIndex
CREATE INDEX "Document_agreementId_idx" ON "Document"("agreementId");

-- CreateIndex
CREATE UNIQUE INDEX "Service_code_key" ON "Service"("code");

-- CreateIndex
CREATE INDEX "Service_providerId_idx" ON "Service"("providerId");

-- CreateIndex
CREATE UNIQUE INDEX "ConnectionCase_number_key" ON "ConnectionCase"("number");

-- CreateIndex
CREATE INDEX "ConnectionCase_consumerId_status_idx" ON "ConnectionCase"("consumerId", "status");

-- CreateIndex
CREATE INDEX "ConnectionCase_providerId_status_idx" ON "ConnectionCase"("providerId", "status");

-- CreateIndex
CREATE INDEX "ConnectionCase_status_idx" ON "ConnectionCase"("status");

-- CreateIndex
CREATE UNIQUE INDEX "Agreement_caseId_key" ON "Agreement"("caseId");

-- CreateIndex
CREATE INDEX "Agreement_status_idx" ON "Agreement"("status");

-- CreateIndex
CREATE UNIQUE INDEX "AgreementSignature_agreementId_party_key" ON "AgreementSignature"("agreementId", "party");

-- CreateIndex
CREATE UNIQUE INDEX "Node_caseId_environment_key" ON "Node"("caseId", "environment");

-- CreateIndex
CREATE INDEX "ConnectivityTest_caseId_ranAt_idx" ON "ConnectivityTest"("caseId", "ranAt");

-- CreateIndex
CREATE INDEX "PromotionRequest_caseId_status_idx" ON "PromotionRequest"("caseId", "status");

-- CreateIndex
CREATE INDEX "Notification_recipientId_readAt_createdAt_idx" ON "Notification"("recipientId", "readAt", "createdAt");

-- AddForeignKey
ALTER TABLE "CooperationAgreement" ADD CONSTRAINT "CooperationAgreement_institutionId_fkey" FOREIGN KEY ("institutionId") REFERENCES "Institution"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingAttendance" ADD CONSTRAINT "TrainingAttendance_workshopId_fkey" FOREIGN KEY ("workshopId") REFERENCES "TrainingWorkshop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingAttendance" ADD CONSTRAINT "TrainingAttendance_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingAttendance" ADD CONSTRAINT "TrainingAttendance_institutionId_fkey" FOREIGN KEY ("institutionId") REFERENCES "Institution"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Document" ADD CONSTRAINT "Document_cooperationAgreementId_fkey" FOREIGN KEY ("cooperationAgreementId") REFERENCES "CooperationAgreement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Document" ADD CONSTRAINT "Document_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Service" ADD CONSTRAINT "Service_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Institution"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConnectionCase" ADD CONSTRAINT "ConnectionCase_consumerId_fkey" FOREIGN KEY ("consumerId") REFERENCES "Institution"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConnectionCase" ADD CONSTRAINT "ConnectionCase_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Institution"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConnectionCase" ADD CONSTRAINT "ConnectionCase_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Agreement" ADD CONSTRAINT "Agreement_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "ConnectionCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgreementSignature" ADD CONSTRAINT "AgreementSignature_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Node" ADD CONSTRAINT "Node_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "ConnectionCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Node" ADD CONSTRAINT "Node_institutionId_fkey" FOREIGN KEY ("institutionId") REFERENCES "Institution"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConnectivityTest" ADD CONSTRAINT "ConnectivityTest_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "ConnectionCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PromotionRequest" ADD CONSTRAINT "PromotionRequest_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "ConnectionCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_recipientId_fkey" FOREIGN KEY ("recipientId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;
