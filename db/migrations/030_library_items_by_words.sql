-- Library items by the words of the claim they check, whatever their case and the quotation
-- marks or full stop around them: "Not this claim" on one check holds for a check of those words
-- another publisher wrote "“The bridge cost $4 million”" or "the bridge cost $4 million."
-- The expression is claim_matches._same_words; queries write it as here for the index to serve.
DROP INDEX library_items_by_wording;
CREATE INDEX library_items_by_words ON library_items (lower(trim(claim, ' .!?…"“”‘’''')));
