-- Library items by the words of the claim they check, whatever their case in any alphabet ("LE
-- CHÔMAGE A BAISSÉ" and "Le chômage a baissé"), their apostrophes and the quotation marks or
-- full stop around them: "Not this claim" on one check held for those words in other capitals
-- only where they differed in ASCII letters, which alone SQLite's lower() folds. The words are
-- kept in a column the store writes (library.claim_words), as SQL cannot fold other letters;
-- db.migrate writes them for the items already in the library, after this file.
DROP INDEX library_items_by_words;
ALTER TABLE library_items ADD COLUMN claim_words TEXT;
CREATE INDEX library_items_by_words ON library_items (claim_words);
