"""The API is described by OpenAPI, and its docs page works without the internet."""


def test_openapi_lists_the_task_endpoints(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/tasks" in schema["paths"] and "/api/v1/tasks/bulk" in schema["paths"]


def test_docs_page_loads_swagger_from_our_static_files(client, db):
    page = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()
    assert client.get("/static/ninja/swagger-ui-bundle.js").status_code == 200
