"""The id of the request being served, so audit entries written deep in a service can carry it."""

import contextvars
import uuid

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")


def new_request_id(incoming: str | None = None) -> str:
    value = (incoming or "").strip()[:64] or uuid.uuid4().hex
    _request_id.set(value)
    return value


def current_request_id() -> str:
    return _request_id.get()


def clear_request_id() -> None:
    _request_id.set("")
