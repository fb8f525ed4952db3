"""The analysis endpoints (issue 6) are served by the same app as the UI."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_trends_and_openapi_include_analyse(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    assert any(path.startswith("/api/analyse/") for path in spec["paths"])
    r = client.get("/api/analyse/trends", params={"period": "month"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body, "trends over a filled store must not be empty"
