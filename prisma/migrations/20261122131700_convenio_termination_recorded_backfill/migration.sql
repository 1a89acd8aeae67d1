-- Backfill: before the convenio kept who gave notice of termination and who recorded it, only the
-- audit log did. Each convenio under notice takes them from its latest "cooperation.terminate" event.
UPDATE "CooperationAgreement" AS c
SET "terminationGivenBy" = (e."after"->>'party')::"CooperationParty",
    "terminationRecordedById" = e."actorId",
    "terminationRecordedAt" = e."at"
FROM (
  SELECT DISTINCT ON ("targetId") "targetId", "actorId", "at", "after"
  FROM "AuditEvent"
  WHERE "action" = 'cooperation.terminate' AND "targetType" = 'CooperationAgreement'
  ORDER BY "targetId", "at" DESC
) AS e
WHERE e."targetId" = c."id"
  AND c."terminationNoticeOn" IS NOT NULL
  AND c."terminationGivenBy" IS NULL
  AND e."after"->>'party' IN ('SEGPRES', 'INSTITUTION');
