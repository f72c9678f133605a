"""JSON given to us from outside (files, uploads, lines of standard input), read with a bound on
how deeply lists and objects nest, so a hostile document is refused instead of ending a run in a
RecursionError."""

import json
from typing import Any

#: Lists and objects nested more deeply than this are refused. Real records nest a few levels;
#: the bound keeps whatever walks a parsed value recursively well inside Python's own limit.
MAX_DEPTH = 100


class TooDeep(ValueError):
    """The JSON nests lists and objects more than MAX_DEPTH levels inside one another."""

    def __init__(self) -> None:
        super().__init__(
            f"nested too deeply (lists or objects more than {MAX_DEPTH} levels inside one another)"
        )


def loads(text: str | bytes, *, max_depth: int | None = MAX_DEPTH, **options: Any) -> Any:
    """json.loads, raising TooDeep for a document nested more than `max_depth` levels (None:
    only for one too deep for Python's parser, whose parts the caller checks with
    `check_depth`)."""
    try:
        value = json.loads(text, **options)
    except RecursionError:
        # Python's parser recurses once a level and gives up at the interpreter's limit.
        raise TooDeep() from None
    if max_depth is not None:
        check_depth(value, max_depth)
    return value


def check_depth(value: Any, max_depth: int = MAX_DEPTH) -> None:
    """TooDeep when `value` nests lists and objects more than `max_depth` levels."""
    stack = [(value, 1)] if isinstance(value, dict | list) else []
    while stack:
        item, depth = stack.pop()
        if depth > max_depth:
            raise TooDeep()
        children = item.values() if isinstance(item, dict) else item
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
