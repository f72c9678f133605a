-- Library items by the claim they check, word for word: a reviewer's "not this claim" on one
-- earlier check also holds for another check of the same words (the same sentence published
-- again in another article, or imported again from another publisher).
CREATE INDEX library_items_by_wording ON library_items (claim);
