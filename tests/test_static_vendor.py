"""The vendored htmx is the exact 2.0.11 release, with its licence, served from our own origin."""

import hashlib

from factcheck.app import HTMX_VERSION
from factcheck.resources import static_dir

HTMX_SHA256 = "d6fdc75f204e6bdefa99b69bf1e6d4ac69b8a364f77929f45c13476b4000f717"
HTMX_BYTES = 52_182


def test_the_vendored_htmx_is_the_pinned_release():
    script = static_dir() / "vendor" / f"htmx-{HTMX_VERSION}.min.js"
    data = script.read_bytes()
    assert len(data) == HTMX_BYTES
    assert hashlib.sha256(data).hexdigest() == HTMX_SHA256
    assert b'version:"2.0.11"' in data


def test_the_licence_travels_with_it():
    licence = (static_dir() / "vendor" / f"htmx-{HTMX_VERSION}.LICENSE").read_text("utf-8")
    assert "Zero-Clause BSD" in licence


def test_pages_load_htmx_and_our_script_from_our_own_origin(client):
    html = client.get("/").get_data(as_text=True)
    assert f'src="/static/vendor/htmx-{HTMX_VERSION}.min.js"' in html
    assert 'src="/static/js/workbench.js"' in html
    served = client.get(f"/static/vendor/htmx-{HTMX_VERSION}.min.js")
    assert served.status_code == 200
    assert hashlib.sha256(served.get_data()).hexdigest() == HTMX_SHA256
    assert served.mimetype in ("text/javascript", "application/javascript")
