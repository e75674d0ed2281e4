"""Schemathesis generates requests from the live OpenAPI schema (served by a real uvicorn
server) for every operation; none may produce a 5xx, whoever calls."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from tests.conftest import SAMPLES
from tests.live import LiveServer


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory):
    server = LiveServer(tmp_path_factory.mktemp("live"), max_pages=5)
    # A real document with a draft, so generated ids sometimes meet real paths.
    import httpx

    httpx.post(f"{server.url}/api/v1/documents",
               headers=server.headers("job_seeker"),
               files={"file": ("cariste.docx", (SAMPLES / "cariste.docx").read_bytes())})
    yield server
    server.stop()


def test_no_server_error_from_any_generated_request(live: LiveServer) -> None:
    """Each operation of the served schema, 25 generated requests, sent as every role (the
    pytest plugin of schemathesis is not used: it lags behind pytest's own API)."""
    schema = schemathesis.openapi.from_url(f"{live.url}/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 13
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck),
                  database=None)
        def check(case) -> None:
            for role in ("job_seeker", "advisor", "ops", "admin"):
                response = case.call(base_url=live.url,
                                     headers={"Authorization": f"Bearer {live.tokens[role]}"})
                case.validate_response(response, checks=[not_a_server_error])

        check()
