-- AlterTable
ALTER TABLE "Agreement" ADD COLUMN     "searchText" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "Service" ADD COLUMN     "searchText" TEXT NOT NULL DEFAULT '';

-- Accent-insensitive search of services (by name and code) and agreements (by purpose and procedure),
-- like institutions: the portal writes each row's folded text (foldForSearch in lib/text/search.ts);
-- existing rows are folded here for Spanish letters, which is what their names hold.
UPDATE "Service" SET "searchText" = btrim(regexp_replace(lower(translate(
  concat_ws(' ', "name", "code"),
  'ÁÀÂÄÃÉÈÊËÍÌÎÏÓÒÔÖÕÚÙÛÜÑÇáàâäãéèêëíìîïóòôöõúùûüñç',
  'AAAAAEEEEIIIIOOOOOUUUUNCaaaaaeeeeiiiiooooouuuunc')), '\s+', ' ', 'g'));
UPDATE "Agreement" SET "searchText" = btrim(regexp_replace(lower(translate(
  concat_ws(' ', "purpose", "procedure"),
  'ÁÀÂÄÃÉÈÊËÍÌÎÏÓÒÔÖÕÚÙÛÜÑÇáàâäãéèêëíìîïóòôöõúùûüñç',
  'AAAAAEEEEIIIIOOOOOUUUUNCaaaaaeeeeiiiiooooouuuunc')), '\s+', ' ', 'g'));

-- Spanish order for names: accents and case do not change a name's place, and ñ is a letter of its
-- own after n ("Chanco" before "Chañaral"). PostgreSQL built with ICU has the Spanish tailoring as
-- "es-CL-x-icu"/"es-x-icu"; the embedded PGlite has ICU without locale data, so there the same order
-- is the root collation with one rule (PostgreSQL 16+). See docs/decisions (Spanish search and order).
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'es-CL-x-icu') THEN
    CREATE COLLATION "spanish" FROM "es-CL-x-icu";
  ELSIF EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'es-x-icu') THEN
    CREATE COLLATION "spanish" FROM "es-x-icu";
  ELSIF current_setting('server_version_num')::int >= 160000 AND EXISTS (SELECT 1 FROM pg_collation WHERE collprovider = 'i') THEN
    CREATE COLLATION "spanish" (provider = icu, locale = 'und', rules = '&N < ñ <<< Ñ');
  ELSE
    RAISE EXCEPTION 'Spanish ordering needs PostgreSQL with ICU (the es-x-icu collation, or ICU and PostgreSQL 16+)';
  END IF;
END $$;

ALTER TABLE "Institution" ALTER COLUMN "name" TYPE TEXT COLLATE "spanish";
ALTER TABLE "Person" ALTER COLUMN "name" TYPE TEXT COLLATE "spanish";
ALTER TABLE "Service" ALTER COLUMN "name" TYPE TEXT COLLATE "spanish";
