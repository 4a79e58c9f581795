"""Write report pages: Jinja2 templates with autoescaping, figures as data, one shared plotly.js.

Figures travel as JSON in a `data-figure` attribute, escaped like any other attribute value, and
one fixed inline script draws them. That lets every page carry a Content-Security-Policy that
allows only that script (by its hash) and scripts beside the page: even text that slipped past
escaping could not run, and the page cannot fetch anything from the network.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import plotly.graph_objects as go
import plotly.io as pio
import plotly.offline
from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from markupsafe import Markup

from reports import formatting

TEMPLATES = Path(__file__).with_name("templates")
UTC_ZONE = ZoneInfo("UTC")
PLOTLY_JS = "plotly.min.js"
FIGURE_CONFIG = {"displaylogo": False, "responsive": True, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}


@dataclass(frozen=True)
class Figure:
    """A figure, the element id it is drawn into and the heading it is shown under."""

    id: str
    title: str
    figure: go.Figure

    @property
    def spec(self) -> str:
        """The figure and its config as JSON, for the page's data-figure attribute."""
        # Read back and written again on purpose: plotly writes <, > and / as \u003c, \u003e and
        # \u002f (for inline scripts; an attribute is escaped by Jinja instead), and with orjson
        # installed it writes other bytes again. Our own dump keeps the page the same either way.
        spec = json.loads(pio.to_json(self.figure, validate=False))
        spec["config"] = FIGURE_CONFIG
        return json.dumps(spec, separators=(",", ":"))


# The one inline script of every page: draw each figure from its data-figure attribute.
RENDER_SCRIPT = (
    'document.querySelectorAll("div[data-figure]").forEach(function (element) {'
    " var figure = JSON.parse(element.dataset.figure);"
    " Plotly.newPlot(element, figure.data, figure.layout, figure.config); });"
)


def content_security_policy() -> str:
    """Scripts from beside the page and the render script only; no network, no inline handlers."""
    digest = base64.b64encode(hashlib.sha256(RENDER_SCRIPT.encode()).digest()).decode()
    return (
        f"default-src 'none'; script-src 'self' 'sha256-{digest}'; style-src 'self' 'unsafe-inline'; "
        f"img-src 'self' data:; font-src 'self' data:; base-uri 'none'; form-action 'none'"
    )


@cache
def environment() -> Environment:
    """Templates that escape every value as HTML unless it is our own markup."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)  # fmt: skip
    env.filters.update(
        count=formatting.count,
        share=formatting.share,
        points=formatting.points,
        points_interval=formatting.points_interval,
        duration=formatting.duration,
        business_duration=formatting.business_duration,
        week_name=formatting.week_name,
        local_time=_local_time,
    )
    return env


@pass_context
def _local_time(context, moment, pattern: str = "%a %-d %b %H:%M") -> str:
    """A moment on the clock of the page's `zone` (the team's time zone), labelled."""
    return formatting.local_time(moment, context["zone"], pattern)


def relative(target: Path, page: Path) -> str:
    """The link from a page to a file of the same report folder."""
    return Path(os.path.relpath(target, page.parent)).as_posix()


def write_page(template: str, path: Path, out_dir: Path, zone: ZoneInfo = UTC_ZONE, **context: Any) -> Path:
    """Render a template into `path`, linking the shared plotly.js of the report folder; times
    are shown on the clock of `zone`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    html = (
        environment()
        .get_template(template)
        .render(
            plotly_js=relative(out_dir / PLOTLY_JS, path),
            render_script=Markup(RENDER_SCRIPT),  # our own constant code, never data
            content_security_policy=content_security_policy(),
            link=lambda target: relative(target, path),
            zone=zone,
            **context,
        )
    )
    path.write_text(html, encoding="utf-8")
    return path


def write_plotly_js(out_dir: Path) -> Path:
    """Plotly's own bundle, once for every page; rewritten only when plotly's version changed."""
    path = out_dir / PLOTLY_JS
    bundle = plotly.offline.get_plotlyjs()
    if not path.exists() or path.read_text(encoding="utf-8") != bundle:
        out_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(bundle, encoding="utf-8")
    return path
