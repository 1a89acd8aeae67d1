-- AlterTable
ALTER TABLE "Agreement" ADD COLUMN     "slaAvailabilityPct" DOUBLE PRECISION,
ADD COLUMN     "slaP95Ms" INTEGER;

-- Agreements made before: the measurable levels of their service as published (decision 025).
UPDATE "Agreement" a
SET "slaAvailabilityPct" = CASE WHEN jsonb_typeof(s."serviceLevels"->'availability') = 'number'
                                THEN (s."serviceLevels"->>'availability')::double precision END,
    "slaP95Ms" = CASE WHEN jsonb_typeof(s."serviceLevels"->'p95Ms') = 'number'
                      THEN round((s."serviceLevels"->>'p95Ms')::numeric)::integer END
FROM "ConnectionCase" c JOIN "Service" s ON s.id = c."serviceId"
WHERE c.id = a."caseId";
