"""Requests the main pages and APIs of a production deployment over real HTTP.

Run by .ci/deploy-smoke against gunicorn with the production settings: DEBUG off,
static files through WhiteNoise, behind a proxy that says `X-Forwarded-Proto: https`.
Standard library only, so it needs nothing the deployment does not have.
"""

import json
import os
import re
import sys
import time
import urllib.error
import urllib.request

BASE = os.environ["SMOKE_URL"]
HOST = os.environ["SMOKE_HOST"]
PASSWORD = os.environ["DEMO_PASSWORD"]
PROXY = {"Host": HOST, "X-Forwarded-Proto": "https"}
failures: list[str] = []


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


opener = urllib.request.build_opener(NoRedirect)


def request(path, *, headers=None, data=None, method=None):
    body = json.dumps(data).encode() if data is not None else None
    all_headers = {**PROXY, **(headers or {})}
    if body is not None:
        all_headers["Content-Type"] = "application/json"
    req = urllib.request.Request(
        BASE + path, data=body, headers=all_headers, method=method
    )
    try:
        with opener.open(req, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def expect(label, ok, detail=""):
    print(f"{'ok  ' if ok else 'FAIL'} {label}{': ' + detail if detail else ''}")
    if not ok:
        failures.append(label)


def wait_until_up(seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if request("/health/live")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    sys.exit("gunicorn did not answer /health/live")


def wait_for_queue(seconds=240):
    """The worker indexes what load_demo saved; the queue must drain."""
    deadline = time.monotonic() + seconds
    queue = {}
    while time.monotonic() < deadline:
        status, _, body = request("/health/ready")
        queue = json.loads(body)["checks"]["task_queue"]
        if status == 200 and queue["waiting"] == 0:
            return queue
        time.sleep(2)
    return queue


def main():
    wait_until_up()

    # Plain HTTP from outside is sent to HTTPS; health answers a balancer directly.
    status, headers, _ = request("/", headers={"X-Forwarded-Proto": "http"})
    expect("plain HTTP redirects to HTTPS", status == 301, headers.get("Location", ""))
    status, _, _ = request("/", headers={"Host": "evil.example"})
    expect("an unknown host is refused", status == 400, str(status))
    status, _, body = request("/health/ready")
    expect("/health/ready", status == 200, body.decode()[:200])

    pages = [
        "/",
        "/kaderteksten/",
        "/beleidsplannen/",
        "/beleidsplannen/meerjarenplan-2026-2031/",
        "/sociale-kaart/",
        "/sociale-kaart/?q=schulden",
        "/zoeken/?q=armoede",
        "/accounts/login/",
        "/sitemap.xml",
        "/api/v1/plans/",
        "/api/v1/goals/?page_size=5",
        "/api/v1/organisations/",
        "/api/v1/signals/",
        "/api/v1/hsds/services",
        "/api/v2/pages/",
        "/api/schema/",
        "/api/docs/",
    ]
    home = b""
    for path in pages:
        status, headers, body = request(path)
        expect(f"GET {path}", status == 200, f"{status}, {len(body)} bytes")
        if path == "/":
            home = body
            expect("HSTS on HTTPS answers", "Strict-Transport-Security" in headers)
    status, _, _ = request("/partners/")
    expect("/partners/ asks anonymous visitors to sign in", status == 302, str(status))
    status, _, body = request("/bestaat-niet/")
    expect(
        "an unknown page is a 404 page, not a debug page",
        status == 404 and b"Traceback" not in body,
        str(status),
    )

    static = sorted(set(re.findall(rb'(/static/[^"\'?#\s]+\.(?:css|js))', home)))
    expect("the home page links hashed static files", bool(static))
    for path in static:
        status, headers, body = request(path.decode())
        expect(
            f"GET {path.decode()} (WhiteNoise)",
            status == 200 and "max-age" in headers.get("Cache-Control", ""),
            f"{status}, {headers.get('Cache-Control')}",
        )

    # A partner signs in through the headless API and reads as a partner.
    status, _, body = request(
        "/_allauth/app/v1/auth/login",
        data={"email": "partner@demo.lokaal", "password": PASSWORD},
    )
    token = json.loads(body).get("meta", {}).get("session_token", "")
    expect(
        "partner signs in through the API", status == 200 and bool(token), str(status)
    )
    status, _, body = request("/api/v1/me/", headers={"X-Session-Token": token})
    me = json.loads(body) if status == 200 else {}
    expect("/api/v1/me/ knows the partner", "partners" in json.dumps(me), str(me)[:200])

    queue = wait_for_queue()
    expect("the task worker drains the queue", queue.get("waiting") == 0, str(queue))
    status, _, body = request("/api/v1/search/?q=armoede")
    total = json.loads(body).get("count", 0) if status == 200 else 0
    expect("the worker indexed the demo (search finds it)", total > 0, f"{total} hits")

    if failures:
        sys.exit(f"{len(failures)} deploy smoke check(s) failed: {failures}")
    print("deploy smoke: all checks passed")


if __name__ == "__main__":
    main()
