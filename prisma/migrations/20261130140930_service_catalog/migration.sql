-- CreateEnum
CREATE TYPE "CatalogStatus" AS ENUM ('DRAFT', 'IN_REVIEW', 'PUBLISHED', 'DEPRECATED', 'RETIRED');

-- CreateEnum
CREATE TYPE "SpecFormat" AS ENUM ('OPENAPI', 'WSDL');

-- CreateEnum
CREATE TYPE "EnvironmentStatus" AS ENUM ('AVAILABLE', 'MAINTENANCE', 'UNAVAILABLE', 'NOT_OFFERED');

-- CreateEnum
CREATE TYPE "SchemaKind" AS ENUM ('BASAL', 'DOCUMENTAL');

-- CreateEnum
CREATE TYPE "SchemaFormat" AS ENUM ('JSON_SCHEMA', 'XSD');

-- CreateEnum
CREATE TYPE "DataClassification" AS ENUM ('PUBLIC', 'PERSONAL', 'SENSITIVE');

-- AlterTable
ALTER TABLE "Service" ADD COLUMN     "contacts" JSONB,
ADD COLUMN     "deprecatedAt" TIMESTAMP(3),
ADD COLUMN     "devStatus" "EnvironmentStatus" NOT NULL DEFAULT 'AVAILABLE',
ADD COLUMN     "lastReviewedAt" TIMESTAMP(3),
ADD COLUMN     "procedures" TEXT[],
ADD COLUMN     "prodStatus" "EnvironmentStatus" NOT NULL DEFAULT 'AVAILABLE',
ADD COLUMN     "serviceLevels" JSONB,
ADD COLUMN     "staleNotifiedAt" TIMESTAMP(3),
ADD COLUMN     "status" "CatalogStatus" NOT NULL DEFAULT 'PUBLISHED',
ADD COLUMN     "stopsOn" DATE;

-- CreateTable
CREATE TABLE "ServiceVersion" (
    "id" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "status" "CatalogStatus" NOT NULL DEFAULT 'DRAFT',
    "specFormat" "SpecFormat" NOT NULL,
    "spec" BYTEA,
    "specSha256" TEXT,
    "operations" JSONB NOT NULL DEFAULT '[]',
    "changes" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedAt" TIMESTAMP(3),

    CONSTRAINT "ServiceVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Schema" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "kind" "SchemaKind" NOT NULL,
    "format" "SchemaFormat" NOT NULL,
    "ownerId" TEXT NOT NULL,
    "status" "CatalogStatus" NOT NULL DEFAULT 'DRAFT',
    "searchText" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "deprecatedAt" TIMESTAMP(3),
    "stopsOn" DATE,

    CONSTRAINT "Schema_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SchemaVersion" (
    "id" TEXT NOT NULL,
    "schemaId" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "status" "CatalogStatus" NOT NULL DEFAULT 'DRAFT',
    "content" TEXT NOT NULL,
    "contentSha256" TEXT NOT NULL,
    "changes" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedAt" TIMESTAMP(3),

    CONSTRAINT "SchemaVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DataElement" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "classification" "DataClassification" NOT NULL,
    "responsibleId" TEXT NOT NULL,
    "searchText" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DataElement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DataSteward" (
    "dataElementId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,

    CONSTRAINT "DataSteward_pkey" PRIMARY KEY ("dataElementId","personId")
);

-- CreateTable
CREATE TABLE "ServiceDataElement" (
    "serviceId" TEXT NOT NULL,
    "dataElementId" TEXT NOT NULL,

    CONSTRAINT "ServiceDataElement_pkey" PRIMARY KEY ("serviceId","dataElementId")
);

-- CreateTable
CREATE TABLE "ServiceSchema" (
    "serviceId" TEXT NOT NULL,
    "schemaId" TEXT NOT NULL,

    CONSTRAINT "ServiceSchema_pkey" PRIMARY KEY ("serviceId","schemaId")
);

-- CreateTable
CREATE TABLE "SchemaDataElement" (
    "schemaId" TEXT NOT NULL,
    "dataElementId" TEXT NOT NULL,

    CONSTRAINT "SchemaDataElement_pkey" PRIMARY KEY ("schemaId","dataElementId")
);

-- CreateIndex
CREATE UNIQUE INDEX "ServiceVersion_serviceId_version_key" ON "ServiceVersion"("serviceId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "Schema_code_key" ON "Schema"("code");

-- CreateIndex
CREATE INDEX "Schema_ownerId_idx" ON "Schema"("ownerId");

-- CreateIndex
CREATE INDEX "Schema_status_kind_idx" ON "Schema"("status", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "SchemaVersion_schemaId_version_key" ON "SchemaVersion"("schemaId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "DataElement_code_key" ON "DataElement"("code");

-- CreateIndex
CREATE INDEX "DataElement_responsibleId_idx" ON "DataElement"("responsibleId");

-- CreateIndex
CREATE INDEX "DataElement_classification_idx" ON "DataElement"("classification");

-- CreateIndex
CREATE INDEX "DataSteward_personId_idx" ON "DataSteward"("personId");

-- CreateIndex
CREATE INDEX "ServiceDataElement_dataElementId_idx" ON "ServiceDataElement"("dataElementId");

-- CreateIndex
CREATE INDEX "ServiceSchema_schemaId_idx" ON "ServiceSchema"("schemaId");

-- CreateIndex
CREATE INDEX "SchemaDataElement_dataElementId_idx" ON "SchemaDataElement"("dataElementId");

-- CreateIndex
CREATE INDEX "Service_status_protocol_idx" ON "Service"("status", "protocol");

-- CreateIndex
CREATE INDEX "Service_procedures_idx" ON "Service" USING GIN ("procedures");

-- AddForeignKey
ALTER TABLE "ServiceVersion" ADD CONSTRAINT "ServiceVersion_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceVersion" ADD CONSTRAINT "ServiceVersion_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Schema" ADD CONSTRAINT "Schema_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "Institution"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SchemaVersion" ADD CONSTRAINT "SchemaVersion_schemaId_fkey" FOREIGN KEY ("schemaId") REFERENCES "Schema"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SchemaVersion" ADD CONSTRAINT "SchemaVersion_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DataElement" ADD CONSTRAINT "DataElement_responsibleId_fkey" FOREIGN KEY ("responsibleId") REFERENCES "Institution"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DataSteward" ADD CONSTRAINT "DataSteward_dataElementId_fkey" FOREIGN KEY ("dataElementId") REFERENCES "DataElement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DataSteward" ADD CONSTRAINT "DataSteward_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceDataElement" ADD CONSTRAINT "ServiceDataElement_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceDataElement" ADD CONSTRAINT "ServiceDataElement_dataElementId_fkey" FOREIGN KEY ("dataElementId") REFERENCES "DataElement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceSchema" ADD CONSTRAINT "ServiceSchema_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceSchema" ADD CONSTRAINT "ServiceSchema_schemaId_fkey" FOREIGN KEY ("schemaId") REFERENCES "Schema"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SchemaDataElement" ADD CONSTRAINT "SchemaDataElement_schemaId_fkey" FOREIGN KEY ("schemaId") REFERENCES "Schema"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SchemaDataElement" ADD CONSTRAINT "SchemaDataElement_dataElementId_fkey" FOREIGN KEY ("dataElementId") REFERENCES "DataElement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
