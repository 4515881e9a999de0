-- Names folded for search (domain/persons/name-folding.ts does the same for new persons):
-- diacritics removed after canonical decomposition, đ/Đ as d, lower case, single spaces.
ALTER TABLE "persons" ADD COLUMN "name_folded" TEXT NOT NULL DEFAULT '';

UPDATE "persons"
SET "name_folded" = btrim(regexp_replace(lower(translate(
      regexp_replace(normalize("full_name", NFD), '[\u0300-\u036f]', '', 'g'), 'đĐ', 'dd')), '\s+', ' ', 'g'));
