-- Backfill: notices written before they named their step (kind "case.waiting.<party>") are resolved
-- when their case has moved on: it is connected or closed, a later notice asked the same person the
-- same as that party on that case (one step at a time per party), or the case no longer waits on it.
-- Newer notices ("case.waiting.<party>.<step>") are resolved by the step that does them.
UPDATE "Notification" AS n
SET "resolvedAt" = now()
FROM "ConnectionCase" AS c
LEFT JOIN "Agreement" AS a ON a."caseId" = c."id"
WHERE n."caseId" = c."id"
  AND n."resolvedAt" IS NULL
  AND n."kind" IN (
    'case.waiting.DGD_REVIEWER', 'case.waiting.DGD_HEAD', 'case.waiting.CONSUMER_BUSINESS_ADMIN',
    'case.waiting.PROVIDER_BUSINESS_ADMIN', 'case.waiting.CONSUMER_TECHNICAL_ADMIN', 'case.waiting.CONSUMER_CTD'
  )
  AND (
    c."status" IN ('CONNECTED', 'CLOSED')
    OR EXISTS (
      SELECT 1 FROM "Notification" AS later
      WHERE later."caseId" = n."caseId" AND later."recipientId" = n."recipientId" AND later."kind" = n."kind"
        AND (later."createdAt" > n."createdAt" OR (later."createdAt" = n."createdAt" AND later."id" > n."id"))
    )
    OR NOT COALESCE(CASE n."kind"
      WHEN 'case.waiting.DGD_REVIEWER' THEN c."status" IN ('MEETING_REQUESTED', 'MEETING_SCHEDULED', 'MEETING_HELD', 'PROMOTION_REQUESTED')
      WHEN 'case.waiting.DGD_HEAD' THEN c."status" = 'PROMOTION_REVIEWED'
      WHEN 'case.waiting.CONSUMER_TECHNICAL_ADMIN' THEN c."status" = 'DEV_NODE_PROVISIONED'
      WHEN 'case.waiting.CONSUMER_CTD' THEN c."status" = 'DEV_NODE_PROVISIONED'
      WHEN 'case.waiting.CONSUMER_BUSINESS_ADMIN' THEN a."status" = 'APPROVED'
        OR (a."id" IS NULL AND c."status" IN ('MEETING_REQUESTED', 'MEETING_SCHEDULED', 'MEETING_HELD'))
      WHEN 'case.waiting.PROVIDER_BUSINESS_ADMIN' THEN a."status" IN ('REQUESTED', 'APPROVED')
      ELSE TRUE
    END, FALSE)
  );
