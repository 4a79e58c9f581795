"""A run on new exports, as three Dagster runs: ingest; label the weeks the ingest touched, all in
one run; then the marts, the report and the snapshot. The command line runs them in process one
after the other, leaving out the labels' run when the ingest found nothing to label (a rerun with
nothing new then costs two runs' bookkeeping, not three); in Dagster the weeks and marts sensors
chain the same three."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from assets.weeks import tags_for_weeks
from pipelines.definitions import INGEST_JOB, LABELS_JOB, MARTS_JOB

# (job name, run config, run tags) -> the finished run's result
Execute = Callable[[str, dict, dict[str, str]], Any]


def ingest_label_measure(execute: Execute, ingest_config: dict) -> tuple[Any, Any | None, Any]:
    """The runs' results: the ingest, the weeks' labels (None when there was nothing to label), the marts."""
    ingested = execute(INGEST_JOB, ingest_config, {})
    found = ingested.asset_materializations_for_node("staged_exports")[0].metadata
    weeks, labelled = found["weeks_to_run"].value, None
    # On an empty warehouse the labels' run still writes the label vocabulary the marts' columns come from.
    if found["anything_to_label"].value or not weeks:
        labelled = execute(LABELS_JOB, {}, tags_for_weeks(weeks))
    return ingested, labelled, execute(MARTS_JOB, {}, {})
