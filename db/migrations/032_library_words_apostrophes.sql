-- Library items by the words of the claim they check, whatever their case (in ASCII letters),
-- their apostrophes (curly or straight) and the quotation marks or full stop around them: "Not
-- this claim" on one check holds for a check of those words another publisher wrote as
-- "“The mayor’s fee rose”" or "the mayor's fee rose." (030's index told the apostrophes apart.)
-- The expression is claim_matches._same_words; queries write it as here for the index to serve.
DROP INDEX library_items_by_words;
CREATE INDEX library_items_by_words
    ON library_items (lower(replace(trim(claim, ' .!?…"“”‘’'''), '’', '''')));
