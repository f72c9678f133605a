-- Claims are searched in every script: the full-text index is made again with
--  * the marks of Indic and other scripts (categories Mn and Mc: Devanagari's vowel signs and
--    virama, Bengali's, Tamil's ...) kept inside the word they belong to, where unicode61 took
--    each for the end of a word and cut "किसानों" into "क" and "स", which then matched nearly
--    any Hindi claim. Latin accents are taken off as before ("Jose" finds "José").
--  * Arabic's vowel marks, shadda, sukun, dagger alif and tatweel (U+064B-U+0652, U+0670,
--    U+0640), the nukta of Indic scripts (the dot under "ढ़", often left out in typing) and
--    Hebrew's niqqud (U+05B0-U+05C7) and the zero-width joiner (U+200D, inside Bengali and
--    Sinhala words: "র‍্যাব", "ශ්‍රী") left out of the words it indexes, the zero-width
--    non-joiner read as a space (it parts a Persian word's pieces: "سرمایه‌گذاری" is found
--    typed with a space, as it was), and Devanagari's
--    candrabindu written as its anusvara ("महँगाई" and "महंगाई" are one word, as typed either
--    way), as the search leaves them
--    out of what is typed (store/search_words.FOLDED_MARKS, which lists the same): "الضرائب"
--    finds "الضَّرائب", and the other way round; "बढा" finds "बढ़ा". SQL has no function for
--    that but replace(), one per mark (Arabic's and the nuktas first, then Hebrew's: nested
--    deeper, SQLite's parser cannot read them). claims_search_text is the claims' text as the
--    index reads it, so that 'rebuild' and 'integrity-check' read what the triggers wrote.
-- Chinese and Japanese words, and Thai, Lao, Khmer and Myanmar ones, are looked for in the
-- claims' text itself (search_words: a run of these scripts has no spaces between its words).
DROP TRIGGER claims_fts_insert;
DROP TRIGGER claims_fts_delete;
DROP TRIGGER claims_fts_update;
DROP TABLE claims_fts_vocab;
DROP TABLE claims_fts;

CREATE VIEW claims_search_text (id, text) AS
    SELECT id, replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(arabic, char(1456), ''), char(1457), ''), char(1458), ''), char(1459), ''), char(1460), ''), char(1461), ''), char(1462), ''), char(1463), ''), char(1464), ''), char(1465), ''), char(1466), ''), char(1467), ''), char(1468), ''), char(1469), ''), char(1471), ''), char(1473), ''), char(1474), ''), char(1476), ''), char(1477), ''), char(1479), '')
    FROM (SELECT id, replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(text, char(1611), ''), char(1612), ''), char(1613), ''), char(1614), ''), char(1615), ''), char(1616), ''), char(1617), ''), char(1618), ''), char(1648), ''), char(1600), ''), char(2364), ''), char(2492), ''), char(2620), ''), char(2748), ''), char(2876), ''), char(8204), char(32)), char(8205), ''), char(2305), char(2306)) AS arabic FROM claims);

-- detail=none keeps no word positions, as before (migration 001).
CREATE VIRTUAL TABLE claims_fts USING fts5(
    text, content='claims_search_text', content_rowid='id', detail='none',
    tokenize='unicode61 categories ''L* N* Co Mn Mc'''
);

CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN
    INSERT INTO claims_fts (rowid, text) SELECT new.id, replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(arabic, char(1456), ''), char(1457), ''), char(1458), ''), char(1459), ''), char(1460), ''), char(1461), ''), char(1462), ''), char(1463), ''), char(1464), ''), char(1465), ''), char(1466), ''), char(1467), ''), char(1468), ''), char(1469), ''), char(1471), ''), char(1473), ''), char(1474), ''), char(1476), ''), char(1477), ''), char(1479), '')
        FROM (SELECT replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(new.text, char(1611), ''), char(1612), ''), char(1613), ''), char(1614), ''), char(1615), ''), char(1616), ''), char(1617), ''), char(1618), ''), char(1648), ''), char(1600), ''), char(2364), ''), char(2492), ''), char(2620), ''), char(2748), ''), char(2876), ''), char(8204), char(32)), char(8205), ''), char(2305), char(2306)) AS arabic);
END;

CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN
    INSERT INTO claims_fts (claims_fts, rowid, text) SELECT 'delete', old.id, replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(arabic, char(1456), ''), char(1457), ''), char(1458), ''), char(1459), ''), char(1460), ''), char(1461), ''), char(1462), ''), char(1463), ''), char(1464), ''), char(1465), ''), char(1466), ''), char(1467), ''), char(1468), ''), char(1469), ''), char(1471), ''), char(1473), ''), char(1474), ''), char(1476), ''), char(1477), ''), char(1479), '')
        FROM (SELECT replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(old.text, char(1611), ''), char(1612), ''), char(1613), ''), char(1614), ''), char(1615), ''), char(1616), ''), char(1617), ''), char(1618), ''), char(1648), ''), char(1600), ''), char(2364), ''), char(2492), ''), char(2620), ''), char(2748), ''), char(2876), ''), char(8204), char(32)), char(8205), ''), char(2305), char(2306)) AS arabic);
END;

CREATE TRIGGER claims_fts_update AFTER UPDATE OF text ON claims BEGIN
    INSERT INTO claims_fts (claims_fts, rowid, text) SELECT 'delete', old.id, replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(arabic, char(1456), ''), char(1457), ''), char(1458), ''), char(1459), ''), char(1460), ''), char(1461), ''), char(1462), ''), char(1463), ''), char(1464), ''), char(1465), ''), char(1466), ''), char(1467), ''), char(1468), ''), char(1469), ''), char(1471), ''), char(1473), ''), char(1474), ''), char(1476), ''), char(1477), ''), char(1479), '')
        FROM (SELECT replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(old.text, char(1611), ''), char(1612), ''), char(1613), ''), char(1614), ''), char(1615), ''), char(1616), ''), char(1617), ''), char(1618), ''), char(1648), ''), char(1600), ''), char(2364), ''), char(2492), ''), char(2620), ''), char(2748), ''), char(2876), ''), char(8204), char(32)), char(8205), ''), char(2305), char(2306)) AS arabic);
    INSERT INTO claims_fts (rowid, text) SELECT new.id, replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(arabic, char(1456), ''), char(1457), ''), char(1458), ''), char(1459), ''), char(1460), ''), char(1461), ''), char(1462), ''), char(1463), ''), char(1464), ''), char(1465), ''), char(1466), ''), char(1467), ''), char(1468), ''), char(1469), ''), char(1471), ''), char(1473), ''), char(1474), ''), char(1476), ''), char(1477), ''), char(1479), '')
        FROM (SELECT replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(new.text, char(1611), ''), char(1612), ''), char(1613), ''), char(1614), ''), char(1615), ''), char(1616), ''), char(1617), ''), char(1618), ''), char(1648), ''), char(1600), ''), char(2364), ''), char(2492), ''), char(2620), ''), char(2748), ''), char(2876), ''), char(8204), char(32)), char(8205), ''), char(2305), char(2306)) AS arabic);
END;

CREATE VIRTUAL TABLE claims_fts_vocab USING fts5vocab(claims_fts, 'row');

INSERT INTO claims_fts (claims_fts) VALUES ('rebuild');
