"""The names the export command line shows before it runs anything: the formats and the settings.
Kept apart from factcheck.exports so `factcheck --help` does not load the exporters."""

FORMAT_NAMES = ("csv", "json", "jsonl", "claimreview", "markdown", "html", "bundle")
ORG_NAME_ENV = "FACTCHECK_ORG_NAME"
ORG_URL_ENV = "FACTCHECK_ORG_URL"
PUBLIC_URL_ENV = "FACTCHECK_PUBLIC_URL"
