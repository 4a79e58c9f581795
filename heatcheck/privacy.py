"""The privacy settings file, and the salt customer ids are hashed with.

`privacy.yaml` beside this module holds the defaults and the comments a team reads. A file of the
same name in the Heatcheck home is laid over it key by key and validated here, like the metrics
settings: a value that does not validate raises `UserFileError` naming the file and the key.
"""

from __future__ import annotations

import os
import secrets
from contextlib import suppress
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from heatcheck.yaml_files import read_yaml, validated

DEFAULT_PRIVACY_PATH = Path(__file__).with_name("privacy.yaml")


class Privacy(BaseModel):
    """What the analyst snapshot and the exports hide."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    redact_contact_details: bool
    hash_customer_ids: bool


def load_privacy(path: Path | None = None) -> Privacy:
    """Read the shipped privacy settings, lay the user's file at `path` over them, and validate."""
    raw = read_yaml(DEFAULT_PRIVACY_PATH)
    if path is not None:
        raw |= read_yaml(path)
    return validated(Privacy, raw, path or DEFAULT_PRIVACY_PATH, "a privacy setting")


def customer_id_salt(path: Path) -> str:
    """The home's salt for hashing customer ids, made at `path` on first use.

    It stays in the home and out of the snapshot: customer ids are easy to guess (cust:1 ...), so
    anyone with the salt could hash the guesses and undo the hashing. The same salt run after run
    keeps a customer's hash stable between snapshots.
    """
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written beside it, then linked into place: the salt appears whole or not at all, and a
        # run that loses the race to create it (the link fails) reads the winner's.
        draft = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
        with os.fdopen(os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as file:
            file.write(secrets.token_hex(32) + "\n")
        try:
            with suppress(FileExistsError):
                os.link(draft, path)
        finally:
            draft.unlink()
    return path.read_text(encoding="utf-8").strip()
