"""The label vocabulary the SQL layer loops over: every practice and signal of the playbook, in
playbook order, with its description and the job the SQL gives it, if any.

The dbt models pivot over this table (one column per label in message_facts, one share per
practice in the weekly marts), so a label added to the playbook reaches every mart.
"""

from __future__ import annotations

import polars as pl

from heatcheck.labeling.playbook import Playbook

# The two labels the metrics treat specially: a plain thank-you does not leave a customer
# hanging, and a follow-up promise sets a deadline to keep.
ROLES = {"gratitude": "thanks", "follow_up_promise": "promise"}

VOCABULARY_SCHEMA = {
    "label": pl.String,
    "kind": pl.String,
    "position": pl.Int32,
    "role": pl.String,
    "description": pl.String,
}


def label_vocabulary(book: Playbook) -> pl.DataFrame:
    """label, kind (practice or signal), position, role, description: one row per label."""
    rows = [
        (label, kind, position, ROLES.get(label), rule.description)
        for position, (kind, label, rule) in enumerate(
            [("practice", name, rule) for name, rule in book.practices.items()]
            + [("signal", name, rule) for name, rule in book.signals.items()]
        )
    ]
    return pl.DataFrame(rows, schema=VOCABULARY_SCHEMA, orient="row")
