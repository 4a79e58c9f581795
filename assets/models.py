"""Metrics stage: the dbt project in sql/ as Dagster assets, one per model, with its lineage from
the tables the ingest and label stages write, and its data tests as asset checks.

`dbt build` runs each model and then its tests; a failing test stops the models (and the report)
downstream of it, so a check that guards the report blocks it.
"""

import json
import sys
from collections import Counter
from collections.abc import Mapping
from contextlib import redirect_stdout
from functools import cache
from pathlib import Path
from typing import Any

from dagster import AssetExecutionContext, AssetKey, AssetsDefinition
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, DbtCliResource, DbtProject, dbt_assets

from assets.resources import HeatcheckHome
from heatcheck.up_to_date import definitions_fingerprint, everything_current, fingerprint, record, recorded

DBT_PROJECT_DIR = Path(__file__).resolve().parents[1] / "sql"
DBT_PROJECT = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)
# The dbt beside this Python, so nothing depends on an activated virtualenv.
DBT_EXECUTABLE = str(Path(sys.executable).with_name("dbt"))

# The Python asset that writes each dbt source table.
SOURCE_WRITERS = {
    ("staging", "tickets"): "staged_exports",
    ("staging", "messages"): "staged_exports",
    ("staging", "status_changes"): "staged_exports",
    ("staging", "agents"): "staged_exports",
    ("staging", "field_changes"): "staged_exports",
    ("labels", "message_sentiment"): "message_sentiment",
    ("labels", "message_labels"): "message_labels",
    ("labels", "label_vocabulary"): "message_labels",
    ("labels", "ticket_labels"): "ticket_labels",
}


class HeatcheckTranslator(DagsterDbtTranslator):
    """Sources are the Python stages' assets; models are grouped by their layer."""

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> AssetKey:
        if dbt_resource_props["resource_type"] == "source":
            return AssetKey(SOURCE_WRITERS[(dbt_resource_props["source_name"], dbt_resource_props["name"])])
        return super().get_asset_key(dbt_resource_props)

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        return dbt_resource_props["fqn"][1]  # staging, intermediate or marts: the model's folder


def prepare_manifest(project: DbtProject = DBT_PROJECT) -> Path:
    """The project's manifest, parsed again when a model, macro or yml file is newer than it."""
    manifest = project.manifest_path
    sources = [
        p
        for p in project.project_dir.rglob("*")
        if p.suffix in {".sql", ".py", ".yml"}
        and project.target_path.name not in p.relative_to(project.project_dir).parts
    ]
    if not manifest.exists() or max(p.stat().st_mtime for p in sources) > manifest.stat().st_mtime:
        dbt_cli().cli(["parse", "--quiet"], target_path=project.target_path).wait()
    return manifest


def dbt_cli() -> DbtCliResource:
    """The resource that runs dbt for the project."""
    return DbtCliResource(project_dir=DBT_PROJECT, dbt_executable=DBT_EXECUTABLE)


@cache
def metric_models() -> AssetsDefinition:
    """Every dbt model as an asset (built when definitions are, so importing needs no manifest)."""
    translator = HeatcheckTranslator(
        settings=DagsterDbtTranslatorSettings(enable_asset_checks=True, enable_duplicate_source_asset_keys=True)
    )

    @dbt_assets(manifest=prepare_manifest(), dagster_dbt_translator=translator, project=DBT_PROJECT)
    def heatcheck_models(context: AssetExecutionContext, dbt: DbtCliResource, heatcheck: HeatcheckHome):
        """Staging views, intermediate topics and the marts, rebuilt from staging and labels with
        the home's settings, so a settings change shows on the next run."""
        home = heatcheck.home()
        # Nothing new since the report and the snapshot were made: yielding no model skips them too.
        warehouse = heatcheck.warehouse()
        outputs_there = (home.reports / "index.html").exists() and (
            warehouse.local_path is None or home.snapshot.exists()
        )  # a deleted report or snapshot is made again
        definitions = definitions_fingerprint(home)
        with warehouse.connect() as con:
            if outputs_there and everything_current(con, fingerprint(con, home, definitions)):
                context.log.info(
                    "Nothing changed since the last run (sources, settings files and code): "
                    "the marts, the weekly report and the analyst snapshot are kept as they are."
                )
                return
            # Incremental models keep what they stored only while the settings and code they were
            # built by are the same; otherwise every model is rebuilt from the whole history.
            full_refresh = recorded(con, "heatcheck_models") != definitions
        run_vars = {
            "warehouse": home.warehouse_connection,
            "heatcheck_home": str(home.root),
            "memory_limit": warehouse.memory_limit,
        }
        home.dbt_target.mkdir(parents=True, exist_ok=True)
        outcomes: Counter[str] = Counter()
        # dbt writes through its own connection: this run holds the writer's turn meanwhile.
        # dagster-dbt echoes every dbt event to stdout; they go to the home's dbt log instead of
        # burying the terminal, and the run log keeps one line of totals.
        with (
            heatcheck.warehouse().writer_lock(),
            open(home.dbt_target / "events.log", "a") as events,
            redirect_stdout(events),
        ):
            invocation = dbt.cli(
                ["build", "--vars", json.dumps(run_vars), *(["--full-refresh"] if full_refresh else [])],
                context=context,
                target_path=home.dbt_target,
            )
            for result in invocation.stream():
                outcomes[type(result).__name__] += 1
                yield result
        if context.selected_asset_keys == set(context.assets_def.keys):  # a subset leaves models as they were
            with warehouse.connect() as con:  # reached only when the build succeeded
                record(con, "heatcheck_models", definitions)
        context.log.info(
            f"dbt build{' --full-refresh' if full_refresh else ''}: {outcomes['Output']} models built, "
            f"{outcomes['AssetCheckResult']} checks passed (log: {home.dbt_target / 'dbt.log'})"
        )

    return heatcheck_models


def mart_keys() -> list[AssetKey]:
    """The marts: what the report and the snapshot wait for."""
    models = metric_models()
    return [key for key in models.keys if models.group_names_by_key[key] == "marts"]
