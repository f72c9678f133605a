"""Errors the store raises, each with a message a user can act on."""


class StoreError(Exception):
    """A refused request; str(error) says what is wrong and what to do."""

    status = 400

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class NotFound(StoreError):
    status = 404


class Invalid(StoreError):
    status = 422


class Forbidden(StoreError):
    status = 403


class Conflict(StoreError):
    """The record changed since the caller read it; `current` carries its state now."""

    status = 409

    def __init__(self, message: str, *, current: dict):
        super().__init__(message)
        self.current = current
