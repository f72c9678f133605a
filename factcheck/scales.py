"""Rating scales as data: the default scale, an organisation's own scale from a JSON file, lookup."""

import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from factcheck import json_input, settings

SCALE_ENV = "FACTCHECK_SCALE"
_HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


class ScaleError(ValueError):
    """The scale file is not usable; the message says what to fix."""


@dataclass(frozen=True)
class Rating:
    key: str
    label: str
    value: int
    colour: str
    description: str
    needs_evidence: bool = True
    position: int = 0
    # False for a rating that is no point on the scale, such as Unverifiable: its value only
    # orders it, and a ClaimReview gives it in words, with no ratingValue.
    numeric: bool = True


@dataclass(frozen=True)
class Scale:
    name: str
    ratings: tuple[Rating, ...]
    best_rating: int
    worst_rating: int

    def find(self, name: str) -> Rating | None:
        """A rating by its key or label, ignoring case and surrounding space."""
        wanted = " ".join(name.split()).casefold()
        for rating in self.ratings:
            if wanted in (rating.key.casefold(), rating.label.casefold()):
                return rating
        return None

    def choices(self) -> str:
        return ", ".join(f'"{r.label}" ({r.key})' for r in self.ratings)


def parse_scale(data: dict) -> Scale:
    entries = data.get("ratings")
    try:
        if not isinstance(entries, list) or not entries:
            raise ScaleError('a scale needs a non-empty list of "ratings"')
        ratings = []
        for position, entry in enumerate(entries, start=1):
            colour = entry.get("colour", "#57606a")
            if not _HEX_COLOUR.match(colour):
                raise ScaleError(f"rating {entry.get('label')!r}: colour must look like #1a7f37")
            ratings.append(
                Rating(
                    key=str(entry["key"]).strip(),
                    label=str(entry["label"]).strip(),
                    value=int(entry["value"]),
                    colour=colour,
                    description=str(entry.get("description", "")),
                    needs_evidence=bool(entry.get("needs_evidence", True)),
                    position=position,
                    numeric=bool(entry.get("numeric", True)),
                )
            )
        values = [r.value for r in ratings if r.numeric]
        if not values:
            raise ScaleError('a scale needs at least one rating that is not "numeric": false')
        best = int(data.get("best_rating", max(values)))
        worst = int(data.get("worst_rating", min(values)))
    except KeyError as missing:
        raise ScaleError(
            f"every rating needs {missing}; see the default scale for the shape"
        ) from None
    except (TypeError, ValueError, AttributeError) as error:
        if isinstance(error, ScaleError):
            raise
        raise ScaleError(f"a rating has a value of the wrong type ({error})") from None
    for attribute in ("key", "label"):
        if len({getattr(r, attribute).casefold() for r in ratings}) != len(ratings):
            raise ScaleError(f"every rating needs its own {attribute}; two are the same")
    if not all(min(best, worst) <= v <= max(best, worst) for v in values):
        raise ScaleError(
            "every numeric rating's value must lie between worst_rating and best_rating"
        )
    return Scale(str(data.get("name", "custom")), tuple(ratings), best, worst)


def load_scale(path: str | os.PathLike | None = None) -> Scale:
    """The scale from `path`, or FACTCHECK_SCALE, or the default scale shipped with factcheck."""
    path = path or settings.value(SCALE_ENV)
    if not path:
        return default_scale()
    fix = f"correct {SCALE_ENV} or unset it to use the scale shipped with factcheck"
    try:
        data = json_input.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise ScaleError(
            f"the rating scale {path} cannot be read ({error.strerror}); {fix}"
        ) from None
    except UnicodeDecodeError:
        raise ScaleError(f"the rating scale {path} is not UTF-8 text; {fix}") from None
    except json.JSONDecodeError as error:
        raise ScaleError(f"the rating scale {path} is not valid JSON ({error}); {fix}") from None
    except json_input.TooDeep as error:
        raise ScaleError(f"the rating scale {path} is {error}; {fix}") from None
    if not isinstance(data, dict):
        raise ScaleError(f"the rating scale {path} is not a JSON object with ratings; {fix}")
    try:
        return parse_scale(data)
    except ScaleError as error:
        raise ScaleError(f"the rating scale {path} cannot be used: {error}; {fix}") from None


@lru_cache(maxsize=1)
def default_scale() -> Scale:
    text = resources.files("factcheck").joinpath("data/default_scale.json").read_text("utf-8")
    return parse_scale(json.loads(text))
