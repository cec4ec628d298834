"""The OpenAPI document is committed (yifa/api/openapi.json): a change to any endpoint shows in review."""

from __future__ import annotations

import json

from yifa.api.openapi import SNAPSHOT, current_schema, render


def test_the_committed_openapi_document_matches_the_api():
    committed = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    assert committed == current_schema(), (
        "The API changed: run `make openapi` (yifa openapi) and commit yifa/api/openapi.json with the change.")
    assert SNAPSHOT.read_text(encoding="utf-8") == render(committed), "run `make openapi` to rewrite the file"


def test_the_staff_api_is_in_the_document_behind_its_bearer_token():
    schema = current_schema()
    assert schema["components"]["securitySchemes"]["StaffToken"] == {"type": "http", "scheme": "bearer"}
    for path, method in (("/api/cases", "get"), ("/api/cases/{reference}", "get"),
                         ("/api/cases/{reference}/transitions/{name}", "post")):
        operation = schema["paths"][path][method]
        assert operation["security"] == [{"StaffToken": []}]
    step = schema["paths"]["/api/cases/{reference}/transitions/{name}"]["post"]
    body = step["requestBody"]["content"]["application/json"]["schema"]
    assert body["additionalProperties"] is False and set(body["properties"]) == {"reason", "outcome", "fields"}
    assert {"200", "403", "404", "409", "422"} <= set(step["responses"])
