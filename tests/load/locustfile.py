"""The load test of `make load` (Locust): citizens, partners and civil servants at once.

Runs against gunicorn with the production settings on 127.0.0.1 only (see
.ci/load). Every write a simulated user makes is recorded, and `check_writes.py`
afterwards finds each of them in the database and in the search index.
"""

import json
import os
import random
import uuid

from locust import HttpUser, between, events, task

PASSWORD = os.environ.get("DEMO_PASSWORD", "welzijn-demo-2026")
PROXY = {"X-Forwarded-Proto": "https"}
WRITES: dict[str, list] = {"signals": [], "progress": []}
NEEDS = ["schulden", "huur", "eenzaamheid", "kinderopvang", "voedselhulp", "werk"]
TERMS = ["armoede", "wonen", "ocmw", "sociaal huis", "zorg", "jongeren", "energie"]
SUBMITTED: list[int] = []  # signals a civil servant may register next


@events.test_stop.add_listener
def write_down_the_writes(environment, **kwargs):
    path = os.environ.get("LOAD_WRITES_FILE", "var/load/writes.json")
    with open(path, "w") as handle:
        json.dump(WRITES, handle)


class PortalUser(HttpUser):
    abstract = True
    host = os.environ.get("LOAD_URL", "http://127.0.0.1:8198")

    def get(self, path, name=None, **kwargs):
        return self.client.get(path, name=name or path, headers=self.headers, **kwargs)

    def post(self, path, payload, name):
        return self.client.post(path, json=payload, name=name, headers=self.headers)

    @property
    def headers(self):
        return PROXY

    def sign_in(self, email):
        response = self.client.post(
            "/_allauth/app/v1/auth/login",
            json={"email": email, "password": PASSWORD},
            headers=PROXY,
            name="sign in (API)",
        )
        self.token = response.json()["meta"]["session_token"]


class Citizen(PortalUser):
    """Reads pages and searches; the trivial view is the baseline of the figures."""

    weight = 6
    wait_time = between(1, 3)

    @task(4)
    def pages(self):
        path = random.choice(
            ["/", "/kaderteksten/", "/beleidsplannen/", "/sociaal-huis/"]
        )
        self.get(path, name="page")

    @task(1)
    def plan(self):
        self.get("/beleidsplannen/meerjarenplan-2026-2031/", name="plan page")

    @task(3)
    def social_map(self):
        self.get(f"/sociale-kaart/?q={random.choice(NEEDS)}", name="social map search")

    @task(3)
    def site_search(self):
        self.get(f"/zoeken/?q={random.choice(TERMS)}", name="site search")

    @task(2)
    def api_reads(self):
        path = random.choice(
            ["/api/v1/plans/", "/api/v1/goals/?page_size=20", "/api/v2/pages/"]
        )
        self.get(path, name="API read")

    @task(2)
    def trivial(self):
        self.get("/health/live", name="trivial view (baseline)")


def new_marker() -> str:
    """Twelve letters that find the write again; letters only, so the privacy guard
    never takes a run of digits for a phone or national register number."""
    return "".join(chr(ord("a") + int(digit, 16)) for digit in uuid.uuid4().hex[:12])


class Partner(PortalUser):
    """Signs in, raises signals, submits them, follows them."""

    weight = 3
    wait_time = between(2, 5)

    def on_start(self):
        self.sign_in(random.choice(["partner@demo.lokaal", "partner2@demo.lokaal"]))
        me = self.get("/api/v1/me/", name="API me").json()
        self.organisation = me["memberships"][0]["organisation"]

    @property
    def headers(self):
        return {**PROXY, "X-Session-Token": self.token}

    @task(2)
    def raise_and_submit(self):
        marker = new_marker()
        response = self.post(
            "/api/v1/signals/",
            {
                "organisation": self.organisation,
                "title": f"Wachtlijst budgetbegeleiding loopt op ({marker})",
                "description": (
                    "Gezinnen met schulden wachten maanden op budgetbegeleiding; "
                    "de wachttijd groeit sinds de energiecrisis."
                ),
            },
            name="signal create",
        )
        if response.status_code != 201:
            return
        signal = response.json()
        # `sent` is the step asked for and not yet answered: a run that ends while
        # it is in flight may have made it, and the check accepts either state.
        record = {"id": signal["id"], "marker": marker, "state": "draft"}
        record["sent"] = "submitted"
        WRITES["signals"].append(record)
        submitted = self.post(
            f"/api/v1/signals/{signal['id']}/transitions/",
            {"to": "submitted"},
            name="signal transition",
        )
        if submitted.status_code == 200:
            record["state"] = "submitted"
            SUBMITTED.append(signal["id"])
        record.pop("sent", None)

    @task(3)
    def follow(self):
        self.get("/api/v1/signals/?page_size=20", name="API signals (partner)")

    @task(2)
    def dashboard(self):
        self.get("/api/v1/search/?q=signaal", name="API search (partner)")


class CivilServant(PortalUser):
    """Registers submitted signals and reports progress on goals."""

    weight = 1
    wait_time = between(2, 5)

    def on_start(self):
        self.sign_in("ambtenaar@demo.lokaal")
        goals = self.get("/api/v1/goals/?page_size=100", name="API goals").json()
        self.goals = [goal["id"] for goal in goals["results"]]

    @property
    def headers(self):
        return {**PROXY, "X-Session-Token": self.token}

    @task(2)
    def report_progress(self):
        goal = random.choice(self.goals)
        marker = new_marker()
        response = self.post(
            f"/api/v1/goals/{goal}/progress/",
            {
                "status": "lopend",
                "progress": random.randint(10, 90),
                "text": f"Stand van zaken {marker}",
            },
            name="progress report",
        )
        if response.status_code == 201:
            WRITES["progress"].append({"goal": goal, "marker": marker})

    @task(2)
    def register(self):
        if not SUBMITTED:
            return
        signal = SUBMITTED.pop(0)
        records = [record for record in WRITES["signals"] if record["id"] == signal]
        for record in records:
            record["sent"] = "registered"
        response = self.post(
            f"/api/v1/signals/{signal}/transitions/",
            {"to": "registered"},
            name="signal transition",
        )
        for record in records:
            if response.status_code == 200:
                record["state"] = "registered"
            record.pop("sent", None)

    @task(1)
    def intranet_search(self):
        self.get(f"/api/v1/search/?q={random.choice(TERMS)}", name="API search (staff)")
