-- AlterTable
ALTER TABLE "Agreement" ADD COLUMN     "pdf" BYTEA,
ADD COLUMN     "pdfSha256" TEXT;

-- Agreements approved before this migration get their PDF from a data backfill that SQL cannot do
-- (rendering): backfillAgreementPdfs in lib/agreements/terms.ts, run by `npm start` through the seed
-- and, failing that, on an agreement's first use. It renders them with the renderer of their time
-- (lib/agreements/pdf-v1.ts) so the SHA-256s their signatures recorded keep matching (decision 007).
