"""Progress at a terminal: a bar with counts when a step reports "N of M", plain lines when piped."""

import io
import logging

from rich.console import Console

from pipelines.progress import TerminalProgress


def _record(step: str, message: str) -> logging.LogRecord:
    record = logging.LogRecord("heatcheck.progress", logging.INFO, __file__, 1, message, None, None)
    record.dagster_meta = {"step_key": step, "orig_message": message}
    return record


def test_a_terminal_gets_a_bar_with_counts_and_rate():
    out = io.StringIO()
    handler = TerminalProgress(Console(file=out, force_terminal=True, width=120))
    handler.emit(_record("message_sentiment", "Scoring 1,000,000 new distinct texts"))
    handler.emit(_record("message_sentiment", "Scored 250,000 of 1,000,000 texts (5,000 texts/s)"))
    task = handler.panel.tasks[handler.tasks["message_sentiment"]]
    assert (task.completed, task.total, task.fields["rate"]) == (250_000, 1_000_000, "5,000 texts/s")
    handler.emit(_record("message_labels", "Read 10 messages"))
    assert task.finished, "a new step ends the one before"
    handler.close()
    assert "[message_sentiment] Scored 250,000 of 1,000,000 texts" in out.getvalue()


def test_piped_output_is_plain_lines():
    out = io.StringIO()
    handler = TerminalProgress(Console(file=out, force_terminal=False, width=200))
    handler.emit(_record("message_sentiment", "Scored 250,000 of 1,000,000 texts (5,000 texts/s)"))
    handler.close()
    assert handler.panel is None
    assert out.getvalue() == "  [message_sentiment] Scored 250,000 of 1,000,000 texts (5,000 texts/s)\n"
