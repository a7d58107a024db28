"""An S3-compatible object storage for the tests: moto in server mode on 127.0.0.1 (a real
HTTP endpoint that django-storages and boto3 talk to, as they would to MinIO or AWS), and the
default storage pointed at a fresh bucket of it through STORAGE_URL's own parser."""

import socket
import uuid

import boto3
import pytest

from config.settings.env import env_storage


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def s3_server():
    from moto.server import ThreadedMotoServer

    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def s3_storage(s3_server, settings, monkeypatch):
    """The default storage on a new bucket; returns the boto3 bucket, to look inside it."""
    bucket_name = f"achats-{uuid.uuid4().hex[:12]}"
    monkeypatch.setenv(
        "STORAGE_URL",
        f"s3://test-key:test-secret@{s3_server}/{bucket_name}?region=eu-west-3&secure=false",
    )
    storage = env_storage("STORAGE_URL")
    options = storage["OPTIONS"]
    bucket = boto3.resource(
        "s3",
        endpoint_url=options["endpoint_url"],
        aws_access_key_id=options["access_key"],
        aws_secret_access_key=options["secret_key"],
        region_name=options["region_name"],
    ).Bucket(bucket_name)
    bucket.create(CreateBucketConfiguration={"LocationConstraint": "eu-west-3"})
    settings.STORAGES = {**settings.STORAGES, "default": storage}
    return bucket
