"""What changed, for the audit trail: {field: [before, after]} with values that JSON can hold."""

from datetime import date, datetime
from enum import Enum


def json_safe(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list | tuple):
        return [json_safe(item) for item in value]
    if isinstance(value, dict):
        return {str(key): json_safe(item) for key, item in value.items()}
    return value


def changes(before: dict, after: dict) -> dict:
    """{field: [before, after]} for the fields that changed, with JSON-safe values, for the audit trail."""
    return {
        name: [json_safe(before.get(name)), json_safe(after[name])]
        for name in after
        if json_safe(before.get(name)) != json_safe(after[name])
    }


def snapshot(record, names: tuple[str, ...]) -> dict:
    """The named attributes of a record, to compare with `changes` once it has been changed."""
    return {name: getattr(record, name) for name in names}
