"""What a person at a terminal sees while a run works: one line per step message, and on a real
terminal a live panel (rich) with a spinner and the elapsed time of the running step and, when
a step reports "N of M", a bar with the counts and the rate. Piped or in CI, only the lines."""

from __future__ import annotations

import logging
import re

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

# "Scored 10,000 of 1,000,000 texts (5,000 texts/s)", "Labelled 200,000 of 950,000 messages"
_COUNTS = re.compile(r"(?P<done>\d[\d,]*) of (?P<total>\d[\d,]*) (?P<what>[a-z][a-z ]*?)(?: \((?P<rate>[^)]*)\))?$")


def step_and_message(record: logging.LogRecord) -> tuple[str, str]:
    """The step a Dagster log record belongs to and its own message, without Dagster's prefix."""
    meta = getattr(record, "dagster_meta", {})
    return meta.get("step_key") or "run", meta.get("orig_message", record.getMessage())


class TerminalProgress(logging.Handler):
    """Prints each message as `  [step] message`; on a terminal also keeps the live panel."""

    def __init__(self, console: Console | None = None):
        super().__init__()
        self.console = console or Console()
        self.panel = (
            Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]}"),
                TimeElapsedColumn(),
                console=self.console,
                transient=True,  # the lines stay; the panel goes when the run ends
            )
            if self.console.is_terminal
            else None
        )
        self.tasks: dict[str, int] = {}

    def emit(self, record: logging.LogRecord) -> None:
        step, message = step_and_message(record)
        line = f"  [{step}] {message}"
        if self.panel is None:
            self.console.print(line, markup=False, highlight=False, soft_wrap=True)
            return
        self.panel.start()
        task = self._task(step)
        counts = _COUNTS.search(message)
        if counts:
            self.panel.update(
                task,
                completed=int(counts["done"].replace(",", "")),
                total=int(counts["total"].replace(",", "")),
                description=f"{step}: {counts['what']}",
                rate=counts["rate"] or "",
            )
        self.panel.console.print(line, markup=False, highlight=False, soft_wrap=True)

    def _task(self, step: str) -> int:
        """The step's row; steps run one after another, so a new step ends the spinners before it."""
        if step not in self.tasks:
            for earlier in self.tasks.values():
                task = self.panel.tasks[earlier]
                self.panel.update(earlier, total=task.total or 1, completed=task.total or 1)
            self.tasks[step] = self.panel.add_task(step, total=None, rate="")
        return self.tasks[step]

    def close(self) -> None:
        if self.panel is not None:
            self.panel.stop()
        super().close()
