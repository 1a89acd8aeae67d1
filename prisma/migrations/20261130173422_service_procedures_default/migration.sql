-- A service without CPAT procedures holds an empty list, never NULL: a NULL list made the catalog's
-- completeness score NULL (sorted first) and the CSV export fail (lib/catalog/queries.ts).
UPDATE "Service" SET "procedures" = ARRAY[]::TEXT[] WHERE "procedures" IS NULL;

-- AlterTable
ALTER TABLE "Service" ALTER COLUMN "procedures" SET DEFAULT ARRAY[]::TEXT[];
