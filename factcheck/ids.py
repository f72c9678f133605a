"""Record ids as SQLite stores them (whole numbers up to 2**63 - 1), read from typed text."""

from factcheck.store.errors import Invalid

#: The largest integer SQLite can store; a bigger one cannot name any record.
MAX_ID = 2**63 - 1
_MAX_DIGITS = len(str(MAX_ID))


def parse_id(value: str | int | None, *, minimum: int = 1) -> int | None:
    """The whole number written in `value` (ASCII digits, or an int) when it lies between
    `minimum` and MAX_ID; otherwise None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    else:
        text = (value or "").strip()
        if not (text.isascii() and text.isdigit()) or len(text.lstrip("0")) > _MAX_DIGITS:
            return None
        number = int(text)
    return number if minimum <= number <= MAX_ID else None


def require_id(value: str | int | None, name: str, *, minimum: int = 1) -> int:
    """The id in `value`, or Invalid (422 on the web) saying which whole numbers `name` takes."""
    number = parse_id(value, minimum=minimum)
    if number is None:
        shown = str(value) if len(str(value)) <= 24 else f"{str(value)[:24]}…"
        raise Invalid(
            "id.invalid",
            {"name": name, "minimum": minimum, "maximum": MAX_ID, "given": shown},
            field=name,
        )
    return number
