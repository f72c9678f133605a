-- The language an article is written in, as a two- or three-letter ISO 639 code: detected on
-- import or given with `factcheck import --language`. NULL for articles imported before this
-- migration and for texts too short to tell; those are split and scored as English.
ALTER TABLE articles ADD COLUMN language TEXT;
