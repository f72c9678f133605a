"""The click type for record ids: a value SQLite cannot hold is refused in one line (exit 2)."""

import click

from factcheck.cli.base import UserError
from factcheck.cli.error_words import error_words
from factcheck.ids import require_id
from factcheck.store.errors import Invalid


class IdType(click.ParamType):
    """A record id or version, 1 to 2**63 - 1. click's `int` takes numbers of any size, which
    then fail inside SQLite with a traceback."""

    name = "id"

    def convert(self, value, param, ctx) -> int:
        if isinstance(param, click.Option):
            label = param.opts[0]
        else:
            label = param.human_readable_name if param else "id"
        try:
            return require_id(value, label)
        except Invalid as error:
            raise UserError(error_words(error)) from None


ID = IdType()
