"""Errors the store raises: a code naming the refusal and the facts behind it, never words.

Each front end says them in its own words: the command line in factcheck/cli/error_words.py (with
the options and commands that fix them), the workbench in factcheck/views/error_words.py."""

import json


class StoreError(Exception):
    """A refused request. `code` names the refusal ("claim.not_found", "reason.too_short"),
    `facts` carries its details (ids, limits, the value given) and `field` the input it is about,
    when it is about one."""

    status = 400

    def __init__(self, code: str, facts: dict | None = None, *, field: str | None = None) -> None:
        self.code = code
        self.facts = dict(facts or {})
        self.field = field
        super().__init__(code, self.facts)

    def __str__(self) -> str:
        # For logs and tracebacks only: front ends word the code and facts themselves.
        return f"{self.code} {json.dumps(self.facts, default=str, sort_keys=True)}"


class NotFound(StoreError):
    status = 404


class Invalid(StoreError):
    status = 422


class Forbidden(StoreError):
    status = 403


class Conflict(StoreError):
    """The record changed since the caller read it; `current` carries its state now."""

    status = 409

    def __init__(self, code: str, facts: dict | None = None, *, current: dict) -> None:
        super().__init__(code, facts)
        self.current = current
