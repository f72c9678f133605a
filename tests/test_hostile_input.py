"""Hostile input everywhere: every form route and query string of the web app (found from
`app.url_map`, so new routes are covered), and every CLI command (found from the click tree), with
huge and negative numbers, invisible and control characters, NUL bytes, unpaired surrogates, very
long text, paths and markup.

No response is a 5xx, no command ends in a traceback, and afterwards nothing is half-written: the
audit trail verifies (with its replay of the live tables) and SQLite's integrity and foreign key
checks pass. Nothing here touches the network: name lookups are refused."""

import contextlib
import io
import re
import socket
import uuid
from pathlib import Path
from urllib.parse import quote, quote_from_bytes

import click
import pytest
from click.testing import CliRunner
from helpers import PASSWORD, add_people, first_checkable_claim, import_sample, new_database
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_binary_imports import zip_bytes
from werkzeug.routing import UUIDConverter

from factcheck import db as database
from factcheck import jobs
from factcheck.app import create_app
from factcheck.cli import main
from factcheck.store import audit, users
from factcheck.store import comments as comment_store
from factcheck.store import evidence as evidence_store
from factcheck.store.actors import SYSTEM

PACKAGE = Path(__file__).resolve().parent.parent / "factcheck"

HOSTILE_TEXT = [
    "",
    " ",
    "0",
    "-1",
    str(2**63),
    str(2**64),
    str(-(2**63) - 1),
    "9" * 40,
    "1e309",
    "NaN",
    "\x00",
    "a\x00b",
    "\u202eevil\u202c",
    "\u2066\u200b\ufeff\u00ad",
    "\udc80\ud800",  # unpaired surrogates: sent as the bytes a broken client would send
    "../../../../etc/passwd",
    "<script>alert(1)</script>",
    "\"'><img src=x onerror=alert(1)>",
    "' OR 1=1 --",
    "%s%n%x",
    "\r\n\r\n",
    "A" * 100_000,
    "me",
    "none",
    "admin",
    "https://[2001:db8::1]/x",
    "https://[::1",
    "javascript:alert(1)",
]
# The few that are tried on every field of every route; hypothesis mixes all of them.
SHORTLIST = ["", str(2**64), "-1", "\x00", "\u202eevil", "\udc80", "A" * 100_000, "<script>"]
HUGE_IDS = [0, 2**63, 2**64, 10**30]

hostile_text = (
    st.sampled_from(HOSTILE_TEXT)
    | st.text(max_size=40)
    | st.integers().map(str)
    | st.text(st.characters(categories=["Cf", "Cc", "Cs", "Zl", "Zp"]), max_size=10)
)


def encoded(value: str) -> bytes:
    """What a client sends: UTF-8, with unpaired surrogates as their (invalid) 3-byte forms."""
    return value.encode("utf-8", "surrogatepass")


def form_body(pairs: list[tuple[str, str]]) -> bytes:
    return "&".join(
        f"{quote(name)}={quote_from_bytes(encoded(value))}" for name, value in pairs
    ).encode("ascii")


def field_names() -> list[str]:
    """Every form field and query parameter the templates and views name, plus a few more."""
    names = {"csrf_token", "next", "after", "since", "search", "q", "page", "article"}
    for template in (PACKAGE / "templates").rglob("*.html"):
        names |= set(re.findall(r'name="([a-z_]+)"', template.read_text(encoding="utf-8")))
    for view in (PACKAGE / "views").glob("*.py"):
        source = view.read_text(encoding="utf-8")
        names |= set(re.findall(r'(?:form|args|values)\.get(?:list)?\("([a-z_]+)"', source))
    names -= {"csrf_token", "viewport", "generator", "referrer"}
    return sorted(names)


FIELDS = field_names()


@pytest.fixture(scope="module", autouse=True)
def no_network():
    """Imports and evidence archiving in this module never reach a real server."""

    def refuse(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "name lookups are off in this test")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket, "getaddrinfo", refuse)
        jobs.configure(None, immediate=True)
        yield


class World:
    """A database with people, an article, a claim with evidence and a comment, and the app."""

    def __init__(self, folder: Path):
        self.path = folder / "hostile.db"
        db = new_database(self.path)
        self.people = add_people(db)
        users.add_user(
            db, "victim", role="reviewer", password=PASSWORD, display_name="V", actor=SYSTEM
        )
        self.article_id = import_sample(db)
        self.claim_id = first_checkable_claim(db, self.article_id)["id"]
        self.evidence_id = evidence_store.add_evidence(
            db,
            self.claim_id,
            url="https://example.org/report",
            stance="supports",
            actor=self.people["rita"],
        )["id"]
        comment_store.add_comment(db, self.claim_id, body="first look", actor=self.people["rita"])
        db.close()
        self.app = create_app({"DATABASE": str(self.path), "TESTING": True})

    def client(self, username: str):
        client = self.app.test_client()
        page = client.get("/sign-in").get_data(as_text=True)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        response = client.post(
            "/sign-in",
            data={"username": username, "password": PASSWORD},
            headers={"X-CSRFToken": token},
        )
        assert response.status_code == 303, response.get_data(as_text=True)[:300]
        page = client.get("/").get_data(as_text=True)
        client.token = re.search(r'"X-CSRFToken": "([^"]+)"', page).group(1)
        return client

    def check_database(self) -> None:
        db = database.connect(self.path)
        try:
            report = audit.verify(db)
            assert report.ok, report
            assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        finally:
            db.close()


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    return World(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def browsers(world):
    return {"ada": world.client("ada"), "rita": world.client("rita")}


def _takes_numbers(converter) -> bool:
    """Whether a route variable is a number (werkzeug's `int`, or our own id converter)."""
    pattern = re.compile(converter.regex)
    return bool(pattern.fullmatch("123")) and not pattern.fullmatch("victim")


def _path_values(world, rule) -> list[dict]:
    """Ways to fill a route's variables: the real records, then hostile ones."""
    real, hostile = {}, {}
    for name, converter in rule._converters.items():
        if isinstance(converter, UUIDConverter):
            real[name] = hostile[name] = uuid.uuid4()
        elif _takes_numbers(converter):
            ids = {"claim_id": world.claim_id, "article_id": world.article_id}
            real[name] = ids.get(name, world.evidence_id if "evidence" in name else 1)
            hostile[name] = 2**64
        else:
            real[name] = "victim"
            hostile[name] = "../\u202e<x>\x00"
    return [real, hostile] if rule.arguments else [{}]


def _routes(world, method: str) -> list[tuple[str, str]]:
    """(endpoint, path) for every route answering `method`, each way of filling it in."""
    adapter = world.app.url_map.bind("localhost")
    found = []
    for rule in world.app.url_map.iter_rules():
        if method not in rule.methods or rule.endpoint == "auth.sign_out":
            continue
        for values in _path_values(world, rule):
            found.append((rule.endpoint, adapter.build(rule.endpoint, values)))
    assert found, f"no {method} routes found"
    return found


def _post(client, path: str, pairs: list[tuple[str, str]], htmx: bool = False):
    headers = {"X-CSRFToken": client.token}
    if htmx:
        headers["HX-Request"] = "true"
    return client.post(
        path,
        data=form_body(pairs),
        headers=headers,
        content_type="application/x-www-form-urlencoded",
    )


def _ok(response, what) -> int:
    assert response.status_code < 500, (repr(what)[:400], response.get_data(as_text=True)[:300])
    return response.status_code


def test_every_form_route_answers_every_field_with_a_4xx_at_worst(world, browsers):
    posts = _routes(world, "POST")
    assert any(endpoint == "claim_actions.add_evidence" for endpoint, _ in posts)
    answered = set()
    for endpoint, path in posts:
        for username, client in browsers.items():
            for value in SHORTLIST:
                pairs = [(name, value) for name in FIELDS]
                what = (endpoint, path, username, value)
                status = _ok(_post(client, path, pairs, htmx=value == ""), what)
                answered.add((endpoint, status))
    # The token was accepted: the forms were read, not all turned away at the door.
    assert {status for _, status in answered} - {400, 403, 404}


def test_uploads_of_hostile_files_are_refused_plainly(world, browsers):
    client = browsers["rita"]
    for name, content in [
        ("story.html", zip_bytes()),
        ("story.txt", b"\x00" * 5000),
        ("\u202eevil.html", b"<html>" + "\ud800".encode("utf-8", "surrogatepass") * 300),
        ("../../x.html", b""),
        ("big.html", b"<p>" + b"A" * 300_000),
    ]:
        for source in ("file", "paste", "url", "\x00"):
            response = client.post(
                "/imports",
                data={
                    "csrf_token": client.token,
                    "source": source,
                    "file": (io.BytesIO(content), name),
                },
                content_type="multipart/form-data",
            )
            _ok(response, ("/imports", name, source))


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_hostile_values_mixed_across_form_routes(world, browsers, data):
    endpoint, path = data.draw(st.sampled_from(_routes(world, "POST")), label="route")
    username = data.draw(st.sampled_from(sorted(browsers)), label="user")
    pairs = data.draw(
        st.lists(st.tuples(st.sampled_from(FIELDS), hostile_text), max_size=12), label="form"
    )
    htmx = data.draw(st.booleans(), label="htmx")
    _ok(_post(browsers[username], path, pairs, htmx), (endpoint, path, username, pairs))


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_hostile_query_strings_on_every_page(world, browsers, data):
    endpoint, path = data.draw(st.sampled_from(_routes(world, "GET")), label="route")
    pairs = data.draw(
        st.lists(st.tuples(st.sampled_from(FIELDS), hostile_text), max_size=6), label="query"
    )
    query = "&".join(f"{quote(k)}={quote_from_bytes(encoded(v)[:2000])}" for k, v in pairs)
    client = browsers[data.draw(st.sampled_from(sorted(browsers)), label="user")]
    htmx = {"HX-Request": "true"} if data.draw(st.booleans(), label="htmx") else {}
    _ok(client.get(f"{path}?{query}", headers=htmx), (endpoint, path, query[:300]))


def test_every_page_takes_every_field_in_its_query(world, browsers):
    for endpoint, path in _routes(world, "GET"):
        for value in SHORTLIST[:-2]:
            query = "&".join(f"{name}={quote_from_bytes(encoded(value))}" for name in FIELDS)
            _ok(browsers["ada"].get(f"{path}?{query}"), (endpoint, path, value))


def test_the_database_is_whole_after_the_web_fuzzing(world, browsers):
    world.check_database()


# --- The command line ---------------------------------------------------------------------------


def commands(group: click.Group = main, path: tuple[str, ...] = ()):
    """(path, command) for every command in the CLI, groups that run on their own included."""
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            if command.invoke_without_command:
                yield (*path, name), command
            yield from commands(command, (*path, name))
        else:
            yield (*path, name), command


# `serve` would really serve: it only ever gets ports it must refuse before listening (0 means
# any free port, so it is not one of them).
REFUSED_WORKER_COUNTS = ["0", "-1", str(2**64), "many"]
REFUSED_PORTS = ["70000", "-1", str(2**64), "eighty"]
REFUSED_ARTICLE_COUNTS = ["0", "-1", str(2**64), "many"]


# Real values by parameter name, so the second run of each command gets past its checks.
REAL_VALUES = {
    "as_user": "ada",
    "username": "victim",
    "url": "https://example.org/another-source",
    "rating": "Unverifiable",
    "rationale": "The county bulletin lists fourteen closed schools and 3,200 homes without power.",
    "fmt": "csv",
    "output": "export.csv",
    "source": "story.txt",
    "bundle_path": "renamed.html",
}


def _values_for(param: click.Parameter, world_ids: dict, hostile: str) -> list[str]:
    """Values worth trying for one parameter: the hostile one, and a real one to get deeper."""
    name = param.name or ""
    if name in REAL_VALUES:
        real = REAL_VALUES[name]
    elif isinstance(param.type, click.Choice):
        real = str(param.type.choices[0])
    elif isinstance(param.type, click.types.IntParamType) or name.endswith(("_id", "_ids")):
        real = str(world_ids.get(name, world_ids["claim_id"]))
        hostile = hostile if hostile.lstrip("-").isdigit() else str(2**64)
    else:
        real = "A reasonable value of a few words"
    if isinstance(param.type, click.Path) or name in ("output", "source"):
        # Relative paths only: nothing outside the test's folder is ever written.
        hostile = hostile.lstrip("/") or "missing"
    return [hostile, real]


def _arguments(path, command, world_ids, hostile: str, pick) -> list[str]:
    """The command's arguments; pick(options) chooses between the hostile and the real value
    (or whether to give a flag, or an option that may be left out)."""
    args = list(path)
    for param in command.params:
        if path == ("serve",):
            if param.name == "port":
                args += ["--port", pick(REFUSED_PORTS)]
            continue
        if path == ("dev", "generate") and param.name in ("articles", "workers"):
            # A count that parses (hypothesis draws any integer) could generate for hours: only
            # counts it must refuse, or a tiny real one, in this process.
            if param.name == "articles":
                args += ["--articles", pick([*REFUSED_ARTICLE_COUNTS, "2"])]
            else:
                args += ["--workers", "0"]
            continue
        if path == ("worker",):
            # `worker` runs until stopped: it only ever gets counts it must refuse.
            if param.name == "workers":
                args += ["--workers", pick(REFUSED_WORKER_COUNTS)]
            continue
        if isinstance(param, click.Option) and param.is_flag:
            if pick([True, False]):
                args.append(param.opts[0])
            continue
        value = pick(_values_for(param, world_ids, hostile))
        if isinstance(param, click.Argument):
            args += ["--", value] if value.startswith("-") and param.nargs == 1 else [value]
        elif param.required or pick([True, param.name in REAL_VALUES]):
            args += [param.opts[0], value]
    return args


def _run(runner, db_path, args, stdin: bytes):
    result = runner.invoke(main, ["--db", str(db_path), *args], input=stdin)
    assert result.exit_code in (0, 1, 2), (args, result.exit_code, result.output[-500:])
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        args,
        repr(result.exception),
    )
    assert "Traceback" not in result.output, (args, result.output[-500:])
    return result


@pytest.fixture(scope="module")
def cli_world(world, tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile-cli")
    (folder / "renamed.html").write_bytes(zip_bytes())
    (folder / "story.txt").write_text(
        "Storm closes 3 bridges\n\nThe storm closed 3 bridges on Friday, the council said.\n"
    )
    return folder, {
        "claim_id": world.claim_id,
        "article_id": world.article_id,
        "evidence_id": world.evidence_id,
        "evidence_ids": world.evidence_id,
    }


def test_every_command_refuses_hostile_arguments_in_one_line(world, cli_world):
    folder, world_ids = cli_world
    found = list(commands())
    assert {" ".join(path) for path, _ in found} >= {"import", "evidence add", "export", "history"}
    runner = CliRunner()
    finished = set()
    with contextlib.chdir(folder):  # relative paths land in the test's folder
        for path, command in found:
            for hostile in SHORTLIST:
                # Hostile everywhere, then hostile beside real values that get further in.
                for pick in (lambda options: options[0], lambda options: options[-1]):
                    args = _arguments(path, command, world_ids, hostile, pick)
                    result = _run(runner, world.path, args, encoded(hostile)[:10_000])
                    if result.exit_code == 0:
                        finished.add(path)
    # Not everything stopped at the argument parser: many commands ran to the end.
    assert len(finished) >= len(found) // 2, sorted(finished)


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_commands_with_hostile_values_mixed(world, cli_world, data):
    folder, world_ids = cli_world
    path, command = data.draw(st.sampled_from(list(commands())), label="command")

    def pick(options):
        return data.draw(st.sampled_from(options))

    hostile = data.draw(hostile_text, label="value")
    args = _arguments(path, command, world_ids, hostile, pick)
    stdin = encoded(data.draw(hostile_text, label="stdin"))
    with contextlib.chdir(folder):
        _run(CliRunner(), world.path, args, stdin)


def test_the_database_is_whole_after_everything(world, cli_world):
    world.check_database()
