"""Errors that carry no words, only a code and its facts, for each front end to word."""


class CodedError(Exception):
    """A refusal or failure named by `code` ("timeout", "import.empty_text", ...) with its details
    in `facts` (host, url, limit, ...)."""

    def __init__(self, code: str, facts: dict | None = None) -> None:
        self.code = code
        self.facts = dict(facts or {})
        super().__init__(code, self.facts)

    def __str__(self) -> str:
        # For logs only: front ends word the code and facts themselves.
        return f"{self.code} {self.facts}"
