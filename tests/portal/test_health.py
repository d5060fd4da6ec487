"""The health checks a load balancer and monitoring use."""

import datetime
import json
import logging
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import timezone

from portal.worker import heartbeat_record

pytestmark = pytest.mark.django_db

# Nothing listens on port 1: a real connection that is refused.
NOWHERE = "127.0.0.1:1"
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_live_answers_without_touching_anything(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/health/live")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_ready_reports_every_check(client):
    response = client.get("/health/ready")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "task_queue", "search"}
    assert all(check["status"] == "ok" for check in body["checks"].values())


@override_settings(ALLOWED_HOSTS=["portal.example.org"], SECURE_SSL_REDIRECT=True)
def test_health_answers_a_balancer_by_address_over_plain_http(client):
    """No redirect to HTTPS and no host check: a balancer asks by the machine's IP."""
    for path in ("/health/live", "/health/ready", "/health/ready/"):
        response = client.get(path, HTTP_HOST="10.0.0.7:8000")
        assert response.status_code == 200, path


@override_settings(ALLOWED_HOSTS=["portal.example.org"], SECURE_SSL_REDIRECT=True)
def test_other_paths_still_get_the_host_check(client):
    assert client.get("/", HTTP_HOST="10.0.0.7:8000").status_code == 400


def test_ready_fails_when_the_cache_is_unreachable(client):
    caches = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://{NOWHERE}",
        }
    }
    with override_settings(CACHES=caches):
        response = client.get("/health/ready")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "failing"
    assert body["checks"]["cache"]["status"] == "failing"
    assert body["checks"]["database"]["status"] == "ok"


def test_an_unreachable_search_engine_degrades_but_stays_ready(client):
    with override_settings(
        SEARCH_BACKEND="search.backends.elasticsearch",
        ELASTICSEARCH_URL=f"http://{NOWHERE}",
        SEARCH_ELASTICSEARCH={"INDEX": "health-test", "TIMEOUT": 1},
    ):
        response = client.get("/health/ready")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["search"]["status"] == "degraded"
    assert body["checks"]["search"]["error"]


def enqueue(minutes_ago: int) -> None:
    from django_tasks_db.models import DBTaskResult, get_date_max

    task = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="search.tasks.index_objects",
        backend_name="default",
        run_after=get_date_max(),
    )
    enqueued = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    DBTaskResult.objects.filter(pk=task.pk).update(enqueued_at=enqueued)


@override_settings(TASKS=DB_TASKS, HEALTH_TASK_QUEUE_MAX_AGE=60)
def test_the_oldest_waiting_task_is_reported(client):
    heartbeat_record("worker-1")
    enqueue(0)
    fresh = client.get("/health/ready").json()["checks"]["task_queue"]
    assert fresh["status"] == "ok"
    assert fresh["waiting"] == 1
    assert fresh["worker_heartbeat_age_s"] < 60

    enqueue(10)
    response = client.get("/health/ready")
    queue = response.json()["checks"]["task_queue"]
    assert response.status_code == 200  # pages still work while the worker lags
    assert queue["status"] == "degraded"
    assert queue["waiting"] == 2
    assert 590 <= queue["oldest_age_s"] <= 660


@override_settings(TASKS=DB_TASKS)
def test_waiting_tasks_and_a_silent_worker_are_degraded(client):
    enqueue(0)
    queue = client.get("/health/ready").json()["checks"]["task_queue"]
    assert queue["worker_heartbeat_age_s"] is None
    assert queue["status"] == "degraded"


def test_answers_name_no_secret_or_host(client):
    text = client.get("/health/ready").content.decode()
    database = settings.DATABASES["default"]
    for secret in (settings.SECRET_KEY, str(database.get("NAME")), NOWHERE):
        assert secret not in text
    json.loads(text)


def test_log_lines_carry_the_request_id(client, caplog):
    """The id a proxy sends (or one made up) comes back and is on each log line."""
    from django_guid.log_filters import CorrelationId

    caplog.handler.addFilter(CorrelationId())
    request_id = "5f0e3e1c9a6b4f0f8d2a3b4c5d6e7f80"
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get("/api/v1/nergens/", HTTP_X_REQUEST_ID=request_id)
    assert response.status_code == 404
    assert response["X-Request-ID"] == request_id
    not_found = [r for r in caplog.records if r.name == "django.request"]
    assert not_found
    assert {r.correlation_id for r in not_found} == {request_id}
    made_up = client.get("/health/live")["X-Request-ID"]
    assert len(made_up) == 32
    assert made_up != request_id


def test_json_log_format_writes_one_object_per_line():
    """LOG_FORMAT=json, as a process would start with it."""
    env = {**os.environ, "LOG_FORMAT": "json"}
    env.pop("DATABASE_URL", None)
    script = (
        "import django, logging; django.setup(); "
        "logging.getLogger('portal').warning('signal %s saved', 7)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        env={**env, "DJANGO_SETTINGS_MODULE": "portal.settings.test"},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    record = json.loads(done.stderr.strip().splitlines()[-1])
    assert record["message"] == "signal 7 saved"
    assert record["level"] == "WARNING"
    assert record["logger"] == "portal"
    assert "request_id" in record and "time" in record
