"""The one way Heatcheck reads a YAML file a user edits (settings, playbook, column mappings):
read it, validate it against its model, and turn the first problem into a UserFileError that
names the file, the dotted key (or the line, for a YAML syntax error) and the problem."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from heatcheck.errors import UserFileError

Model = TypeVar("Model", bound=BaseModel)


def read_yaml(path: Path | str, loader: type[yaml.SafeLoader] = yaml.SafeLoader) -> dict[str, Any]:
    """The file's mapping; an empty file has none."""
    path = Path(path)
    try:
        loaded = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 (a SafeLoader)
    except FileNotFoundError:
        raise UserFileError(str(path), "(file)", "not found") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "(file)"
        raise UserFileError(str(path), where, f"is not valid YAML: {getattr(error, 'problem', error)}") from None
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        raise UserFileError(str(path), "(file)", "must hold `name: value` lines")
    return loaded


def validated(model: type[Model], raw: dict[str, Any], path: Path | str, unknown_key: str) -> Model:
    """`raw` as a `model`; `unknown_key` says what a misspelt key is not (a setting, a label...)."""
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        raise UserFileError(str(path), dotted_key(first["loc"]), problem(first, unknown_key)) from None


def dotted_key(location: tuple[str | int, ...]) -> str:
    """("targets", "urgent", "first_update_minutes") -> "targets.urgent.first_update_minutes"."""
    key = ""
    for part in location:
        key += f"[{part}]" if isinstance(part, int) else (f".{part}" if key else str(part))
    return key or "(file)"


def problem(error: dict[str, Any], unknown_key: str) -> str:
    """The problem in a CX lead's words; pydantic's own message when none is better."""
    if error["type"] == "value_error":
        return str(error["ctx"]["error"])
    if error["type"] == "missing":
        return "is missing"
    if error["type"] == "extra_forbidden":
        return f"is not {unknown_key} Heatcheck knows (check the spelling)"
    message = error["msg"]
    return message[:1].lower() + message[1:]
