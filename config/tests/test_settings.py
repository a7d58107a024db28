import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from config.celery import app
from config.settings.env import (
    env_bool,
    env_database,
    env_int,
    env_list,
    env_storage,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parents[2]


def run_manage(*args, **env):
    """Run manage.py in a fresh process with exactly the given settings variables."""
    clean = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DATABASE_URL",
            "REDIS_URL",
            "DJANGO_SETTINGS_MODULE",
            "SECRET_KEY",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_it_uses_a_sqlite_file_and_jobs_in_process_without_urls(tmp_path):
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.DATABASES['default']['NAME'], "
        "s.CELERY_TASK_ALWAYS_EAGER, s.CELERY_BROKER_URL)",
        DJANGO_SETTINGS_MODULE="config.settings.local",
        VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    engine, name, eager, broker = result.stdout.split()
    assert engine == "django.db.backends.sqlite3"
    assert name == str(tmp_path / "db.sqlite3")
    assert (eager, broker) == ("True", "memory://")
    assert "REDIS_URL is not set: background jobs run in process" in result.stderr


def test_it_uses_postgresql_and_redis_when_their_urls_are_set():
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.DATABASES['default']['HOST'], "
        "s.CELERY_TASK_ALWAYS_EAGER, s.CELERY_BROKER_URL)",
        DJANGO_SETTINGS_MODULE="config.settings.local",
        DATABASE_URL="postgres://achats@db.example:5432/achats",
        REDIS_URL="redis://cache.example:6379/0",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.postgresql",
        "db.example",
        "False",
        "redis://cache.example:6379/0",
    ]


@pytest.mark.skipif(not os.environ.get("DATABASE_URL"), reason="needs DATABASE_URL (set in CI)")
@pytest.mark.django_db
def test_the_test_suite_talks_to_the_real_postgresql_when_asked():
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        assert cursor.fetchone()[0].startswith("PostgreSQL")


def test_a_bad_boolean_stops_the_start_naming_the_variable(monkeypatch):
    monkeypatch.setenv("DEBUG", "peut-être")
    with pytest.raises(ImproperlyConfigured, match="DEBUG='peut-être' is not a boolean"):
        env_bool("DEBUG", False)


def test_environment_helpers_read_values_and_defaults(monkeypatch):
    monkeypatch.setenv("SOME_INT", "42")
    monkeypatch.setenv("SOME_LIST", "a.fr, b.fr,,")
    monkeypatch.setenv("SOME_BOOL", "yes")
    monkeypatch.delenv("UNSET_VALUE", raising=False)
    assert env_int("SOME_INT") == 42
    assert env_list("SOME_LIST") == ["a.fr", "b.fr"]
    assert env_bool("SOME_BOOL") is True
    assert env_str("UNSET_VALUE", "default") == "default"


def test_a_missing_required_variable_or_bad_number_is_refused(monkeypatch):
    monkeypatch.delenv("UNSET_VALUE", raising=False)
    monkeypatch.setenv("SOME_INT", "douze")
    with pytest.raises(ImproperlyConfigured, match="UNSET_VALUE must be set"):
        env_str("UNSET_VALUE")
    with pytest.raises(ImproperlyConfigured, match="SOME_INT='douze' is not an integer"):
        env_int("SOME_INT", 1)
    monkeypatch.setenv("SOME_INT", "3")
    with pytest.raises(ImproperlyConfigured, match="SOME_INT=3 must be at least 10"):
        env_int("SOME_INT", 1, minimum=10)


def test_files_stay_in_the_local_folder_without_a_storage_url(monkeypatch):
    monkeypatch.delenv("STORAGE_URL", raising=False)
    assert env_storage("STORAGE_URL") == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_a_storage_url_gives_a_private_s3_storage_that_never_overwrites(monkeypatch):
    monkeypatch.setenv(
        "STORAGE_URL",
        "s3://AK%2B1:s%2Fecret@minio.interne:9000/achats?region=eu-west-3&secure=false&prefix=prod/",
    )
    storage = env_storage("STORAGE_URL")
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    options = storage["OPTIONS"]
    assert (options["access_key"], options["secret_key"]) == ("AK+1", "s/ecret")
    assert options["endpoint_url"] == "http://minio.interne:9000"
    assert (options["bucket_name"], options["region_name"], options["location"]) == (
        "achats",
        "eu-west-3",
        "prod",
    )
    assert options["file_overwrite"] is False and options["default_acl"] is None
    assert options["querystring_expire"] == 300


@pytest.mark.parametrize(
    "url",
    [
        "ftp://k:s@host/bucket",
        "s3://k:s@host/",
        "s3://k:s@host/a/b",
        "s3://k:s@host/b?secure=maybe",
    ],
)
def test_a_storage_url_that_makes_no_sense_stops_the_start(monkeypatch, url):
    monkeypatch.setenv("STORAGE_URL", url)
    with pytest.raises(ImproperlyConfigured, match="STORAGE_URL"):
        env_storage("STORAGE_URL")


def test_a_database_url_with_an_unknown_scheme_is_refused(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", "oracle-ish://somewhere/db")
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        env_database("DATABASE_URL", sqlite_path=tmp_path / "db.sqlite3")


def test_production_settings_pass_check_deploy_without_any_warning():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="achats.example.fr",
        SITE_URL="https://achats.example.fr",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr.replace("INFO", "")


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = run_manage(
        "check",
        DJANGO_SETTINGS_MODULE="config.settings.production",
        ALLOWED_HOSTS="achats.example.fr",
        SITE_URL="https://achats.example.fr",
    )
    assert result.returncode != 0
    assert "The environment variable SECRET_KEY must be set." in result.stderr


def test_celery_speaks_json_only_and_acknowledges_late():
    conf = app.conf
    assert conf.task_serializer == "json"
    assert conf.result_serializer == "json"
    assert conf.accept_content == ["json"]
    assert conf.task_acks_late is True
    assert conf.worker_prefetch_multiplier == 1
    assert conf.task_time_limit > conf.task_soft_time_limit
    assert conf.broker_transport_options["visibility_timeout"] > conf.task_time_limit
