-- Each article's text signature (factcheck/text/resemblance.py): its smallest shingle hashes,
-- written with the article at import. Looked up by hash to find earlier articles that are nearly
-- the same text, and read by article to estimate how much.
CREATE TABLE article_signatures (
    hash INTEGER NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    PRIMARY KEY (hash, article_id)
) WITHOUT ROWID;
CREATE INDEX article_signatures_by_article ON article_signatures (article_id);
