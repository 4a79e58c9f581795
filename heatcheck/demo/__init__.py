"""Deterministic demo ticket exports for Heatcheck, a fictional smart-heating company.

Three help desks, three export formats (SPEC section 2):

- the main desk (email, web, chat) as canonical Parquet in `canonical/`;
- the "accounts" brand's Zendesk, synced by Fivetran, as CSV tables in `fivetran/`;
- the @HeatcheckHelp Twitter account in the Customer Support on Twitter layout, `twitter/`.

Every ticket is one conversation written by a scenario function (a kept promise, a broken one,
an escalation, a reopen, a customer left hanging...) from phrase pools, on a clock that moves
forward with heavy-tailed reply delays and agents who only answer in staffed hours. The same
arguments always give byte-identical files: one `random.Random(seed)` drives every choice, and
nothing reads the wall clock.
"""

from __future__ import annotations

import datetime
import random
from pathlib import Path

from heatcheck.demo.scenarios import EXPORT_SHARES, build_tickets
from heatcheck.demo.writers import write_canonical, write_fivetran, write_twitter


def generate_demo_exports(
    out_dir: Path, seed: int = 7, tickets: int = 2400, weeks: int = 14, start: datetime.date = datetime.date(2026, 7, 6)
) -> list[Path]:
    """Write the demo ticket exports into out_dir and return the paths written.

    `start` is the Monday of the first week; the export is taken at 09:00 New York time on the
    Monday after the last week, so tickets still in progress then are open in the files.
    """
    out_dir = Path(out_dir)
    built = build_tickets(seed, tickets, weeks, start)
    by_desk = {desk: [t for t in built if t.desk == desk] for desk in EXPORT_SHARES}
    defects_rng = random.Random(seed + 1)  # separate, so bad rows do not shift the conversations
    return (
        write_canonical(by_desk["canonical"], out_dir, defects_rng)
        + write_fivetran(by_desk["fivetran"], out_dir, start)
        + write_twitter(by_desk["twitter"], out_dir)
    )
