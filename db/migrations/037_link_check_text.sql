-- The sha256 of the page's text as a link check compared it (spacing and case aside; NULL when it
-- had none): an acknowledgement holds while the text is the same, though the page's bytes (a time
-- stamp, a token, a rotating ad) differ on every request.
ALTER TABLE link_checks ADD COLUMN text_sha256 TEXT;
