-- The service catalog (docs/decisions/016-catalog.md). Services that existed before it were published
-- and in use: each gets its current version as a published ServiceVersion. No specification was ever
-- uploaded for them, so that version has none (spec NULL; the catalog shows "sin especificación" and
-- the completeness score counts it missing) and no author. Their last review is taken as the day
-- they were registered, so a service is flagged stale 12 months after that, not on the day this runs.
INSERT INTO "ServiceVersion" ("id", "serviceId", "version", "status", "specFormat", "operations", "changes", "createdAt", "publishedAt")
SELECT 'sv' || md5(s."id"), s."id", s."version", 'PUBLISHED',
       CASE s."protocol" WHEN 'SOAP' THEN 'WSDL'::"SpecFormat" ELSE 'OPENAPI'::"SpecFormat" END,
       '[]'::jsonb, 'Versión vigente al abrir el catálogo.', s."createdAt", s."createdAt"
FROM "Service" AS s
ON CONFLICT ("serviceId", "version") DO NOTHING;

UPDATE "Service" SET "lastReviewedAt" = "createdAt" WHERE "lastReviewedAt" IS NULL;

-- The catalog searches code, name, description and provider (lib/catalog/search.ts serviceSearchText);
-- existing rows are folded here for the Spanish letters, as in the Spanish search migration.
UPDATE "Service" AS s SET "searchText" = btrim(regexp_replace(lower(translate(
  concat_ws(' ', s."code", s."name", s."description", i."shortName", i."name"),
  'ÁÀÂÄÃÉÈÊËÍÌÎÏÓÒÔÖÕÚÙÛÜÑÇáàâäãéèêëíìîïóòôöõúùûüñç',
  'AAAAAEEEEIIIIOOOOOUUUUNCaaaaaeeeeiiiiooooouuuunc')), '\s+', ' ', 'g'))
FROM "Institution" AS i WHERE i."id" = s."providerId";

-- Ranked full-text search over the folded text ('simple': no stemming, no stop words, the same on the
-- embedded PGlite). Expression indexes are outside Prisma's schema language; the schema engine does
-- not read them back, so the drift check ignores them.
CREATE INDEX "Service_searchText_fts" ON "Service" USING gin (to_tsvector('simple', "searchText"));
CREATE INDEX "Schema_searchText_fts" ON "Schema" USING gin (to_tsvector('simple', "searchText"));
CREATE INDEX "DataElement_searchText_fts" ON "DataElement" USING gin (to_tsvector('simple', "searchText"));
