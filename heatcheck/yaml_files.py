"""The one way Heatcheck reads a YAML file a user edits (settings, playbook, column mappings):
read it, validate it against its model, and turn the first problem into a UserFileError that
names the file, the dotted key (or the line, for a YAML syntax error) and the problem."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from heatcheck.errors import UserFileError

Model = TypeVar("Model", bound=BaseModel)


class UniqueKeyLoader(yaml.SafeLoader):
    """A safe loader that refuses a key given twice, which YAML would silently resolve to the last."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        """The mapping, once every key is known to be there only once."""
        seen: set = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            # Unhashable keys are left to SafeLoader, which explains them itself.
            if isinstance(key, str | int | float | bool) and key in seen:
                raise yaml.constructor.ConstructorError(None, None, f"key {key!r} is given twice", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def read_yaml(path: Path | str, top_level: str = "`name: value` lines") -> dict[str, Any]:
    """The file's mapping; an empty file has none. `top_level` says what the file should hold."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserFileError(str(path), "(file)", "not found") from None
    except (OSError, UnicodeDecodeError) as error:
        raise UserFileError(
            str(path), "(file)", f"cannot be read: {getattr(error, 'strerror', None) or error}"
        ) from None
    try:
        loaded = yaml.load(text, Loader=UniqueKeyLoader)  # a SafeLoader: no Python objects
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        where = f"line {mark.line + 1}" if mark else "(file)"
        problem = getattr(error, "problem", None) or getattr(error, "context", None) or str(error)
        raise UserFileError(str(path), where, f"YAML syntax error: {problem}") from None
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        raise UserFileError(str(path), "(top level)", f"expected {top_level}")
    return loaded


def validated(
    model: type[Model],
    raw: dict[str, Any],
    path: Path | str,
    unknown_key: str,
    describe: Callable[[dict[str, Any]], str | None] | None = None,
) -> Model:
    """`raw` as a `model`; `unknown_key` says what a misspelt key is not (a setting, a mapping
    key); `describe` may word a problem better for its file, returning None to leave it."""
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        said = (describe(first) if describe else None) or problem(first, unknown_key)
        raise UserFileError(str(path), dotted_key(first["loc"]), said) from None


def dotted_key(location: tuple[str | int, ...]) -> str:
    """("targets", "urgent", "first_update_minutes") -> "targets.urgent.first_update_minutes"."""
    key = ""
    for part in location:
        if isinstance(part, int):
            key += f"[{part}]"
        elif part != "[key]":  # pydantic's marker for a dict key that failed
            key += f".{part}" if key else str(part)
    return key or "(top level)"


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
