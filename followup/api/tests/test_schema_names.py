"""OpenAPI names each schema by its class name: two classes of one name in the API would be one
component, and the document would describe one resource with the other's fields (a sync
``NoteOut`` once replaced the task notes' one). Every schema of the API has a name of its own."""

import importlib
import pkgutil
from collections import defaultdict

from ninja import Schema

import followup.api


def test_every_api_schema_has_a_name_of_its_own():
    by_name = defaultdict(set)
    for module_info in pkgutil.iter_modules(followup.api.__path__):
        if module_info.name == "tests":
            continue
        module = importlib.import_module(f"followup.api.{module_info.name}")
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, Schema) and value.__module__.startswith("followup."):
                by_name[value.__name__].add(f"{value.__module__}.{value.__qualname__}")
    assert {name: places for name, places in by_name.items() if len(places) > 1} == {}


def test_the_task_notes_answer_is_documented_as_it_is_sent(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    note = schema["components"]["schemas"]["NoteOut"]
    assert set(note["required"]) == {"id", "body", "author", "created_at"}
