-- Library items by the words of the claim they check, as 032 has them, and whatever quotation
-- marks of other languages are around them («...», „...“, ‹...›) and whichever of ’ and ‘ an
-- apostrophe is written with: "Not this claim" on one check held for those words in English
-- quotation marks only.
-- The expression is claim_matches._same_words; queries write it as here for the index to serve.
DROP INDEX library_items_by_words;
CREATE INDEX library_items_by_words ON library_items (
    lower(replace(replace(trim(claim, ' .!?…"“”‘’«»„‹›‚'''), '’', ''''), '‘', ''''))
);
