"""Record ids in requests: the `<id:...>` route converter, and ids in query strings and forms."""

from flask import request
from werkzeug.routing import BaseConverter, ValidationError

from factcheck.ids import parse_id, require_id


class IdConverter(BaseConverter):
    """`<id:name>`: like werkzeug's `int`, which takes numbers of any size, but only the ids a
    record can have (1 to 2**63 - 1); any other number matches no route, so it is a 404."""

    regex = r"[0-9]{1,19}"
    weight = 50

    def to_python(self, value: str) -> int:
        number = parse_id(value)
        if number is None:
            raise ValidationError()
        return number

    def to_url(self, value) -> str:
        return str(int(value))


def arg_id(name: str) -> int | None:
    """The id in query argument `name`; None when it is absent or blank, Invalid (422) when it
    cannot be an id."""
    value = request.args.get(name, "")
    return require_id(value, name) if value.strip() else None


def init_app(app) -> None:
    """Register `<id:...>`; call before registering the blueprints whose routes use it."""
    app.url_map.converters["id"] = IdConverter
