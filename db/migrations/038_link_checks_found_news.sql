-- The link checks that found something (the page fails, moved or changed): the queue's "evidence
-- broken or changed" filter passes over a page whose latest fetch found nothing with one look
-- here, before it works out which of that fetch's checks (one per copy compared) is each item's.
CREATE INDEX link_checks_found_news ON link_checks (url, id) WHERE outcome != 'unchanged';
