"""The API is described by OpenAPI, and its docs page works without the internet."""

import re


def test_openapi_lists_the_task_endpoints(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/tasks" in schema["paths"] and "/api/v1/tasks/bulk" in schema["paths"]


def test_docs_page_loads_swagger_from_our_static_files(client, db):
    page = client.get("/api/v1/docs").content.decode()
    bundle = re.search(r"/static/ninja/swagger-ui-bundle\.[0-9a-f]{12}\.js", page)
    assert bundle, page
    assert "cdn" not in page.lower()
    assert client.get(bundle.group(0)).status_code == 200
