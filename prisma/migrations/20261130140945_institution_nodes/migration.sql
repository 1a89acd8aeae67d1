-- Nodes belong to institutions (docs/decisions/014-nodes.md). Until now a node was a row per
-- connection case; now a node is a machine an institution runs, its credentials live in
-- "NodeCredential" (key id + SHA-256 of the secret), and a case grants one node access to its service
-- in one environment ("AccessGrant").
--
-- Data: one node per (consumer institution, environment) that had per-case nodes, named
-- "nodo-desarrollo-1" / "nodo-produccion-1", created when its first per-case node was issued; one
-- grant per old per-case node (same id, so old audit events still find it), revoked when that node was.
-- The old credential hashes have no key id and cannot be looked up: they are dropped, and the
-- technical administrators issue new credentials.

-- CreateEnum
CREATE TYPE "TestSource" AS ENUM ('NODE', 'DECLARED');

-- The old per-case table steps aside under another name (and its constraints with it).
ALTER TABLE "Node" RENAME TO "LegacyNode";
ALTER TABLE "LegacyNode" RENAME CONSTRAINT "Node_pkey" TO "LegacyNode_pkey";
ALTER TABLE "LegacyNode" DROP CONSTRAINT "Node_caseId_fkey";
ALTER TABLE "LegacyNode" DROP CONSTRAINT "Node_institutionId_fkey";
DROP INDEX "Node_caseId_environment_key";

-- CreateTable
CREATE TABLE "Node" (
    "id" TEXT NOT NULL,
    "institutionId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "environment" "NodeEnvironment" NOT NULL,
    "version" TEXT,
    "hostName" TEXT,
    "uptimeSeconds" INTEGER,
    "selfChecks" JSONB,
    "lastHeartbeatAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),
    "revokedById" TEXT,
    "revocationReason" TEXT,

    CONSTRAINT "Node_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NodeCredential" (
    "id" TEXT NOT NULL,
    "nodeId" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "issuedById" TEXT NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "retiresAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "revokedById" TEXT,
    "lastUsedAt" TIMESTAMP(3),
    "reminded30At" TIMESTAMP(3),
    "reminded7At" TIMESTAMP(3),

    CONSTRAINT "NodeCredential_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccessGrant" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "nodeId" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,
    "environment" "NodeEnvironment" NOT NULL,
    "grantedById" TEXT NOT NULL,
    "grantedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),
    "revokedById" TEXT,
    "endReason" TEXT,

    CONSTRAINT "AccessGrant_pkey" PRIMARY KEY ("id")
);

-- AlterTable
ALTER TABLE "ConnectivityTest" ADD COLUMN     "nodeId" TEXT,
ADD COLUMN     "source" "TestSource" NOT NULL DEFAULT 'DECLARED',
ALTER COLUMN "recordedById" DROP NOT NULL;

-- Data: the institutions' nodes. The id is derived from (institution, environment): cuid-like, stable.
INSERT INTO "Node" ("id", "institutionId", "name", "environment", "createdById", "createdAt")
SELECT
  'n' || substr(md5(first."institutionId" || ':' || first."environment"::text), 1, 24),
  first."institutionId",
  CASE first."environment" WHEN 'DEVELOPMENT' THEN 'nodo-desarrollo-1' ELSE 'nodo-produccion-1' END,
  first."environment",
  first."issuedById",
  first."issuedAt"
FROM (
  SELECT DISTINCT ON ("institutionId", "environment") "institutionId", "environment", "issuedById", "issuedAt"
  FROM "LegacyNode"
  ORDER BY "institutionId", "environment", "issuedAt", "id"
) AS first;

-- Data: one grant per old per-case node, on its case's service.
INSERT INTO "AccessGrant" ("id", "caseId", "nodeId", "serviceId", "environment", "grantedById", "grantedAt", "revokedAt", "revokedById", "endReason")
SELECT
  old."id",
  old."caseId",
  'n' || substr(md5(old."institutionId" || ':' || old."environment"::text), 1, 24),
  c."serviceId",
  old."environment",
  old."issuedById",
  old."issuedAt",
  old."revokedAt",
  old."revokedById",
  CASE WHEN old."revokedAt" IS NOT NULL THEN 'La DGD revocó el nodo de este caso.' END
FROM "LegacyNode" AS old
JOIN "ConnectionCase" AS c ON c."id" = old."caseId";

-- The old credential hashes and per-case configurations go with the old table.
DROP TABLE "LegacyNode";

-- CreateIndex
CREATE UNIQUE INDEX "NodeCredential_keyId_key" ON "NodeCredential"("keyId");

-- CreateIndex
CREATE INDEX "NodeCredential_nodeId_idx" ON "NodeCredential"("nodeId");

-- CreateIndex
CREATE INDEX "NodeCredential_expiresAt_idx" ON "NodeCredential"("expiresAt");

-- CreateIndex
CREATE INDEX "AccessGrant_nodeId_idx" ON "AccessGrant"("nodeId");

-- CreateIndex
CREATE INDEX "AccessGrant_serviceId_idx" ON "AccessGrant"("serviceId");

-- CreateIndex
CREATE UNIQUE INDEX "AccessGrant_caseId_environment_key" ON "AccessGrant"("caseId", "environment");

-- CreateIndex
CREATE INDEX "ConnectivityTest_nodeId_idx" ON "ConnectivityTest"("nodeId");

-- CreateIndex
CREATE INDEX "Node_environment_lastHeartbeatAt_idx" ON "Node"("environment", "lastHeartbeatAt");

-- CreateIndex
CREATE UNIQUE INDEX "Node_institutionId_environment_name_key" ON "Node"("institutionId", "environment", "name");

-- AddForeignKey
ALTER TABLE "Node" ADD CONSTRAINT "Node_institutionId_fkey" FOREIGN KEY ("institutionId") REFERENCES "Institution"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NodeCredential" ADD CONSTRAINT "NodeCredential_nodeId_fkey" FOREIGN KEY ("nodeId") REFERENCES "Node"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessGrant" ADD CONSTRAINT "AccessGrant_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "ConnectionCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessGrant" ADD CONSTRAINT "AccessGrant_nodeId_fkey" FOREIGN KEY ("nodeId") REFERENCES "Node"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessGrant" ADD CONSTRAINT "AccessGrant_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConnectivityTest" ADD CONSTRAINT "ConnectivityTest_nodeId_fkey" FOREIGN KEY ("nodeId") REFERENCES "Node"("id") ON DELETE SET NULL ON UPDATE CASCADE;
