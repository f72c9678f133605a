"""Errors the store raises, each with a message a user can act on."""


class StoreError(Exception):
    """A refused request; str(error) says what is wrong and what to do, in the command line's
    words. `code` names the refusal and `facts` carries its details, so that another front end
    (the workbench) can say it in its own words; see factcheck/views/error_words.py."""

    status = 400

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        code: str | None = None,
        facts: dict | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code
        self.facts = facts or {}


class NotFound(StoreError):
    status = 404


class Invalid(StoreError):
    status = 422


class Forbidden(StoreError):
    status = 403


class Conflict(StoreError):
    """The record changed since the caller read it; `current` carries its state now."""

    status = 409

    def __init__(self, message: str, *, current: dict) -> None:
        super().__init__(message)
        self.current = current
