-- Secrets at rest (issue 7 §1.5).

-- A session is found by the SHA-256 (hex) of the token in the browser's cookie; the token itself is
-- not kept, so reading the database does not hand out sessions. Existing sessions stay valid: their
-- tokens are hashed in place.
ALTER TABLE "Session" RENAME COLUMN "sessionToken" TO "tokenHash";
UPDATE "Session" SET "tokenHash" = encode(sha256(convert_to("tokenHash", 'UTF8')), 'hex');
ALTER INDEX "Session_sessionToken_key" RENAME TO "Session_tokenHash_key";

-- ClaveÚnica's access, refresh and ID tokens are used once, at sign-in, and never kept.
ALTER TABLE "Account" DROP COLUMN "access_token",
DROP COLUMN "id_token",
DROP COLUMN "refresh_token";
