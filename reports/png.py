"""PNG copies of report figures, for slides and e-mail, drawn by kaleido in Debian's Chromium.

kaleido (the optional `png` extra) drives a Chrome it is pointed at. We point it at the system
Chromium and never ask it to download one, and we turn MathJax off: kaleido would otherwise load
it from a CDN.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import plotly.graph_objects as go

from reports.pages import Figure

CHROMIUM = Path(os.environ.get("HEATCHECK_CHROMIUM", "/usr/bin/chromium"))
WIDTH = 1100


def _titled(figure: Figure) -> go.Figure:
    """A copy of the figure carrying its heading, which on the page is HTML around it."""
    titled = go.Figure(figure.figure)
    titled.update_layout(title={"text": figure.title, "x": 0.01}, margin={"t": 90, "l": 40, "r": 40, "b": 40})
    return titled


def write_pngs(figures: Sequence[Figure], folder: Path) -> list[Path]:
    """One `<figure id>.png` per figure in `folder`, all drawn in one browser session."""
    try:
        import kaleido
    except ImportError:
        raise RuntimeError("PNG export needs kaleido: pip install 'heatcheck[png]'") from None
    if not CHROMIUM.exists():
        raise RuntimeError(f"PNG export needs Chromium at {CHROMIUM} (set HEATCHECK_CHROMIUM to another path)")
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"{figure.id.removeprefix('figure-')}.png" for figure in figures]
    jobs = [
        {"fig": _titled(figure), "path": path,
         "opts": {"format": "png", "width": WIDTH, "height": figure.figure.layout.height or 400}}
        for figure, path in zip(figures, paths)
    ]  # fmt: skip
    kaleido.write_fig_from_object_sync(
        jobs, kopts={"path": str(CHROMIUM), "mathjax": False, "n": 1}, cancel_on_error=True
    )
    return paths
