"""The report's Plotly figures, each drawn from rows the marts already aggregated.

No figure carries customer text: axis labels, hover text and titles hold counts, shares, labels
and team or agent ids only. Complaint themes carry a root-cause cue word, which came from a
conversation, so it is redacted and its markup characters escaped: Plotly reads <b>, <a href> and
friends in labels as formatting, and would turn "&lt;" back into "<" for display only.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from typing import Any

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from reports.formatting import business_duration, points, share
from reports.redact import redact

Row = Mapping[str, Any]

GOOD = "#0f766e"
BAD = "#b91c1c"
CALM = "#64748b"
ACCENT = "#2563eb"
WARM = "#d97706"
SENTIMENT_COLOURS = {"negative": BAD, "neutral": CALM, "positive": GOOD}
PRIORITY_COLOURS = {"urgent": BAD, "high": WARM, "normal": ACCENT, "low": CALM, "unknown": "#cbd5e1"}
SMALL_SAMPLE = 20  # below this many complaints on either side, a rate is a hint, not a finding
THEME_LABEL_CHARACTERS = 40

# A small template of our own: Plotly's default template adds ~8 KB of JSON to every figure.
STYLE = go.layout.Template(
    layout={
        "font": {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", "size": 13, "color": "#1f2933"},
        "colorway": [ACCENT, WARM, GOOD, BAD, CALM, "#7c3aed", "#db2777", "#0891b2"],
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "xaxis": {"gridcolor": "#e5e7eb", "zeroline": False, "automargin": True},
        "yaxis": {"gridcolor": "#e5e7eb", "zeroline": False, "automargin": True},
        "margin": {"l": 10, "r": 10, "t": 40, "b": 10},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        "hoverlabel": {"font": {"size": 12}},
    }
)


def styled(figure: go.Figure, height: int = 360) -> go.Figure:
    """The house look and a fixed height for the page. Titles are the page's (HTML) headings."""
    figure.update_layout(template=STYLE, height=height)
    return figure


def as_typed(text: str) -> str:
    """Text shown by Plotly exactly as typed: its markup characters escaped."""
    return html.escape(text, quote=False)


def week_label(week_start: date) -> str:
    """A week on an axis, named by its Monday: "2 Nov"."""
    return f"{week_start.day} {week_start:%b}"


def every_week(weeks: Sequence[Row]) -> list[Row]:
    """The weeks in order with the missing ones put back as empty rows, so a week without tickets
    shows as a gap on a time axis instead of silently closing up."""
    if not weeks:
        return []
    by_week = {week["week_start"]: week for week in weeks}
    first, last = min(by_week), max(by_week)
    columns = dict.fromkeys(weeks[0])
    return [
        by_week.get(first + timedelta(weeks=n), {**columns, "week_start": first + timedelta(weeks=n)})
        for n in range((last - first).days // 7 + 1)
    ]


def word_of_mouth_trend(weeks: Sequence[Row]) -> go.Figure:
    """Estimated reach per week, its avoidable part inside it, and reach per complaint seen."""
    figure = make_subplots(specs=[[{"secondary_y": True}]])
    weeks = every_week(weeks)
    starts = [week_label(week["week_start"]) for week in weeks]
    figure.add_bar(
        x=starts, y=[week["word_of_mouth_reach"] for week in weeks], name="people likely to hear",
        marker_color="#cbd5e1", hovertemplate="%{y:,.0f} people likely to hear<extra></extra>",
    )  # fmt: skip
    figure.add_bar(
        x=starts, y=[week["avoidable_reach"] for week in weeks], name="of which avoidable",
        marker_color=BAD, width=0.4,
        hovertemplate="%{y:,.0f} of them avoidable with better handling<extra></extra>",
    )  # fmt: skip
    figure.add_scatter(
        x=starts, y=[week["complaint_to_wom_risk"] for week in weeks], name="people per complaint seen",
        mode="lines+markers", line_color=ACCENT, secondary_y=True,
        hovertemplate="%{y:,.0f} people per complaint seen<extra></extra>",
    )  # fmt: skip
    figure.update_layout(barmode="overlay")
    figure.update_yaxes(title_text="people (estimate)", secondary_y=False, rangemode="tozero")
    figure.update_yaxes(title_text="people per complaint", secondary_y=True, rangemode="tozero", showgrid=False,
                        tickmode="auto", tickformat=",.0f")  # fmt: skip
    return styled(figure)


def first_update_trend(weeks: Sequence[Row], targets: Sequence[Row]) -> go.Figure:
    """Median and 90th-percentile time to first update per week, against each priority's target.

    The axis is scaled to the data (and the tightest target), not to the loosest target: a 16-hour
    target line would flatten a two-hour median onto the floor. Targets above the axis are named
    in a note instead of drawn."""
    figure = go.Figure()
    weeks = every_week(weeks)
    starts = [week_label(week["week_start"]) for week in weeks]
    shown = [
        week[column] / 60
        for week in weeks
        for column in ("median_time_to_first_update_business_minutes", "p90_time_to_first_update_business_minutes")
        if week[column] is not None
    ]
    tightest = min((t["first_update_target_minutes"] / 60 for t in targets), default=0)
    top = max([*shown, tightest, 1 / 6]) * 1.15
    for column, name, colour in (
        ("median_time_to_first_update_business_minutes", "median", ACCENT),
        ("p90_time_to_first_update_business_minutes", "90th percentile", WARM),
    ):
        values = [week[column] for week in weeks]
        figure.add_scatter(
            x=starts, y=[None if v is None else v / 60 for v in values], name=name, mode="lines+markers",
            line_color=colour, customdata=[business_duration(v) for v in values],
            hovertemplate=f"{name}: %{{customdata}} of business time<extra></extra>",
        )  # fmt: skip
    # One line per target, naming every priority that shares it (unknown often shares normal's).
    priorities_by_target: dict[float, list[str]] = {}
    for target in targets:
        priorities_by_target.setdefault(target["first_update_target_minutes"], []).append(
            target["priority"] or "unknown"
        )
    above = []
    for minutes, priorities in sorted(priorities_by_target.items()):
        if minutes / 60 > top:
            above.append(f"{', '.join(priorities)} {business_duration(minutes)}")
            continue
        figure.add_hline(
            y=minutes / 60, line_dash="dot", line_width=1, line_color=PRIORITY_COLOURS.get(priorities[0], CALM),
            annotation_text=f"{', '.join(priorities)} target {business_duration(minutes)}",
            annotation_position="top left", annotation_font_size=11,
        )  # fmt: skip
    if above:
        figure.add_annotation(
            text=f"targets above the chart: {'; '.join(above)}", xref="paper", yref="paper", x=1, y=1.02,
            xanchor="right", yanchor="bottom", showarrow=False, font_size=11,
        )  # fmt: skip
    figure.update_yaxes(title_text="business hours to first update", range=[0, top])
    return styled(figure)


def follow_up_gaps(gaps: Sequence[Row]) -> go.Figure:
    """The week's follow-up gaps by kind, stacked by ticket priority."""
    figure = go.Figure()
    kinds = sorted({row["gap"] for row in gaps})
    for priority in sorted({row["priority"] or "unknown" for row in gaps}, key=_priority_order):
        counts = {row["gap"]: row["gaps"] for row in gaps if (row["priority"] or "unknown") == priority}
        figure.add_bar(
            x=[kind.replace("_", " ") for kind in kinds], y=[counts.get(kind, 0) for kind in kinds],
            name=priority, marker_color=PRIORITY_COLOURS.get(priority, CALM),
            hovertemplate=f"%{{y}} %{{x}} gaps on {priority} tickets<extra></extra>",
        )  # fmt: skip
    figure.update_layout(barmode="stack")
    figure.update_yaxes(title_text="tickets", rangemode="tozero", dtick=1 if _most(gaps) <= 10 else None)
    return styled(figure)


def _priority_order(priority: str) -> int:
    order = list(PRIORITY_COLOURS)
    return order.index(priority) if priority in order else len(order)


def _most(gaps: Iterable[Row]) -> int:
    totals: dict[str, int] = {}
    for row in gaps:
        totals[row["gap"]] = totals.get(row["gap"], 0) + row["gaps"]
    return max(totals.values(), default=0)


def sentiment_shift(shifts: Sequence[Row]) -> go.Figure:
    """The week's tickets flowing from the customer's sentiment at the start to the end."""
    labels = ["negative", "neutral", "positive"]
    starts = {label: sum(r["tickets"] for r in shifts if r["start_label"] == label) for label in labels}
    ends = {label: sum(r["tickets"] for r in shifts if r["end_label"] == label) for label in labels}
    nodes = [f"{label} at start ({starts[label]})" for label in labels] + [
        f"{label} at end ({ends[label]})" for label in labels
    ]
    figure = go.Figure(
        go.Sankey(
            arrangement="fixed",
            node={"label": nodes, "color": [SENTIMENT_COLOURS[label] for label in labels] * 2, "pad": 18},
            link={
                "source": [labels.index(r["start_label"]) for r in shifts],
                "target": [3 + labels.index(r["end_label"]) for r in shifts],
                "value": [r["tickets"] for r in shifts],
                "color": [_link_colour(r["start_label"], r["end_label"]) for r in shifts],
                "customdata": [r["complaints"] for r in shifts],
                "hovertemplate": "%{value} tickets (%{customdata} complaints)<extra></extra>",
            },
        )
    )
    # A Sankey has no legend of its own: say what the colours of the flows mean.
    figure.add_annotation(
        text="flows: <span style='color:#0f766e'>■</span> ended better · <span style='color:#b91c1c'>■</span> "
        "ended worse · <span style='color:#64748b'>■</span> same",
        xref="paper", yref="paper", x=0, y=-0.08, xanchor="left", yanchor="top", showarrow=False, font_size=12,
    )  # fmt: skip
    return styled(figure)


def _link_colour(start: str, end: str) -> str:
    """Green for a conversation that ended better than it began, red for worse."""
    order = {"negative": 0, "neutral": 1, "positive": 2}
    if order[end] > order[start]:
        return "rgba(15,118,110,0.35)"
    if order[end] < order[start]:
        return "rgba(185,28,28,0.35)"
    return "rgba(100,116,139,0.25)"


def practice_effects(effects: Sequence[Row]) -> go.Figure:
    """Each practice's adjusted effect in points with its 95% interval, beside the one-at-a-time
    difference (hollow): de-escalation on the left, resolution on the right. A practice too thin to
    separate has no adjusted dot, only its raw difference."""
    names = sorted({row["practice"] for row in effects}, reverse=True)
    labels = [name.replace("_", " ") for name in names]
    figure = make_subplots(rows=1, cols=2, shared_yaxes=True, horizontal_spacing=0.04,
                           subplot_titles=("de-escalation", "resolution"))  # fmt: skip
    for column, outcome in enumerate(("de_escalation", "resolution"), start=1):
        by_practice = {row["practice"]: row for row in effects if row["outcome"] == outcome}
        rows = [by_practice.get(name, {}) for name in names]
        figure.add_scatter(
            x=[r.get("effect") for r in rows], y=labels, mode="markers", name="adjusted (other things equal)",
            legendgroup="adjusted", showlegend=column == 1, marker={"color": ACCENT, "size": 9},
            error_x={
                "type": "data", "symmetric": False, "color": ACCENT, "thickness": 1.2,
                "array": [_above(r, "effect_high", "effect") if r.get("effect") is not None else None for r in rows],
                "arrayminus": [_above(r, "effect", "effect_low") if r.get("effect") is not None else None
                               for r in rows],
            },
            customdata=[[points(r.get("effect_low")), points(r.get("effect_high")), r.get("complaints_with")]
                        for r in rows],
            hovertemplate="%{y}: %{x:+.0f} points other things equal (95% interval %{customdata[0]} to "
                          "%{customdata[1]}; %{customdata[2]} complaints with it)<extra></extra>",
            row=1, col=column,
        )  # fmt: skip
        figure.add_scatter(
            x=[r.get("raw_difference") for r in rows], y=labels, mode="markers", name="one practice at a time",
            legendgroup="raw", showlegend=column == 1, marker={"color": CALM, "symbol": "diamond-open", "size": 9},
            hovertemplate="%{y}: %{x:+.0f} points one practice at a time<extra></extra>", row=1, col=column,
        )  # fmt: skip
        figure.add_vline(x=0, line_width=1, line_color="#94a3b8", row=1, col=column)
    figure.update_layout(margin={"t": 70}, legend={"y": 1.06})
    figure.update_xaxes(title_text="percentage points", zeroline=False)
    return styled(figure, height=140 + 30 * len(names))


def practice_outcomes(outcomes: Sequence[Row]) -> go.Figure:
    """Rates with and without each practice in the first reply to a complaint, with 95% intervals.

    Practices with fewer than SMALL_SAMPLE complaints on either side are marked with an asterisk
    and drawn with hollow markers: their intervals are wide and the difference may be chance.
    """
    rows = sorted(outcomes, key=lambda r: r["practice"], reverse=True)
    names = [_practice_name(r) for r in rows]
    figure = make_subplots(rows=1, cols=2, shared_yaxes=True, horizontal_spacing=0.04,
                           subplot_titles=("share de-escalated", "share resolved"))  # fmt: skip
    for column, measure in enumerate(("de_escalation", "resolution"), start=1):
        for side, colour, symbol in (("with", GOOD, "circle"), ("without", CALM, "diamond")):
            rates = [r[f"{measure}_rate_{side}"] for r in rows]
            counts = [r[f"complaints_{side}"] for r in rows]
            figure.add_scatter(
                x=rates, y=names, mode="markers", name=f"{side} the practice", legendgroup=side,
                offsetgroup=side, orientation="h", showlegend=column == 1, marker={
                    "color": colour, "symbol": [
                        symbol if n >= SMALL_SAMPLE else f"{symbol}-open" for n in counts
                    ], "size": 9,
                },
                error_x={
                    "type": "data", "symmetric": False, "color": colour, "thickness": 1.2,
                    "array": [_above(r, f"{measure}_high_{side}", f"{measure}_rate_{side}") for r in rows],
                    "arrayminus": [_above(r, f"{measure}_rate_{side}", f"{measure}_low_{side}") for r in rows],
                },
                customdata=[[n, share(r[f"{measure}_low_{side}"]), share(r[f"{measure}_high_{side}"])]
                            for n, r in zip(counts, rows)],
                hovertemplate=f"%{{y}} {side}: %{{x:.0%}} (95% interval %{{customdata[1]}}–%{{customdata[2]}}; "
                              f"%{{customdata[0]}} complaints)<extra></extra>",
                row=1, col=column,
            )  # fmt: skip
    # Draw "with" and "without" side by side on each practice's row instead of on top of each other.
    figure.update_layout(scattermode="group", scattergap=0.4, margin={"t": 70}, legend={"y": 1.06})
    # A little past 0% and 100%, so a rate at either end is not cut in half.
    figure.update_xaxes(range=[-0.02, 1.02], tickformat=".0%")
    return styled(figure, height=140 + 30 * len(rows))


def few_cases(outcome: Row) -> bool:
    """Whether a practice was used, or left out, in too few complaints to compare the two."""
    return min(outcome["complaints_with"], outcome["complaints_without"]) < SMALL_SAMPLE


def _practice_name(row: Row) -> str:
    return row["practice"].replace("_", " ") + (" *" if few_cases(row) else "")


def _above(row: Row, high: str, low: str) -> float | None:
    """The length of one arm of an error bar, or None when an end is missing."""
    if row[high] is None or row[low] is None:
        return None
    return row[high] - row[low]


def practice_use(outcomes: Sequence[Row]) -> go.Figure:
    """How many of the week's complaints got each practice in their first reply."""
    rows = sorted(outcomes, key=lambda r: r["complaints_with"])
    figure = go.Figure(
        go.Bar(
            x=[r["complaints_with"] for r in rows],
            y=[r["practice"].replace("_", " ") for r in rows],
            orientation="h",
            marker_color=ACCENT,
            customdata=[r["complaints_with"] + r["complaints_without"] for r in rows],
            hovertemplate="%{y}: in the first reply to %{x} of %{customdata} complaints<extra></extra>",
        )  # fmt: skip
    )
    figure.update_xaxes(title_text="complaints", rangemode="tozero")
    return styled(figure, height=120 + 24 * len(rows))


def complaint_root_causes(causes: Sequence[Row]) -> go.Figure:
    """Complaints per week stacked by root cause."""
    figure = go.Figure()
    for cause in sorted({row["root_cause"] for row in causes}):
        picked = [row for row in causes if row["root_cause"] == cause]
        figure.add_bar(
            x=[week_label(row["week_start"]) for row in picked], y=[row["complaints"] for row in picked],
            name=cause.replace("_", " "), hovertemplate=f"%{{y}} {cause.replace('_', ' ')} complaints<extra></extra>",
        )  # fmt: skip
    figure.update_layout(barmode="stack")
    figure.update_yaxes(title_text="complaints", rangemode="tozero")
    weeks = [week_label(w) for w in sorted({row["week_start"] for row in causes})]
    figure.update_xaxes(type="category", categoryorder="array", categoryarray=weeks)
    return styled(figure)


def complaint_themes(themes: Sequence[Row], limit: int = 12) -> go.Figure:
    """This week's complaint themes against their average over the four weeks before.

    Long themes are shortened on the axis, which would otherwise squeeze the bars; the hover
    text names them in full.
    """
    rows = list(reversed(themes[:limit]))
    redacted = [redact(row["theme"]) for row in rows]
    names = [as_typed(theme) for theme in redacted]
    # Shortened before escaping, so an escape such as &lt; is never cut in half.
    axis = [as_typed(_shortened(theme)) for theme in redacted]
    figure = go.Figure()
    figure.add_bar(
        x=[row["prior_weeks_average"] for row in rows], y=axis, orientation="h", name="average of the 4 weeks before",
        marker_color="#cbd5e1", customdata=names, hovertemplate="%{customdata}: %{x:.1f} a week before<extra></extra>",
    )  # fmt: skip
    figure.add_bar(
        x=[row["complaints"] for row in rows], y=axis, orientation="h", name="this week",
        marker_color=[BAD if row["change"] > 0 else ACCENT for row in rows],
        customdata=names, hovertemplate="%{customdata}: %{x} this week<extra></extra>",
    )  # fmt: skip
    figure.update_layout(barmode="group")
    figure.update_xaxes(title_text="complaints", rangemode="tozero")
    return styled(figure, height=140 + 34 * len(rows))


def _shortened(text: str, limit: int = THEME_LABEL_CHARACTERS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def practice_habits(series: Mapping[str, Mapping[str, float | None]]) -> go.Figure:
    """Share of tickets whose agent replies used each practice, one bar per group compared."""
    figure = go.Figure()
    practices = sorted({practice for shares in series.values() for practice in shares})
    for (name, shares), colour in zip(series.items(), (ACCENT, "#94a3b8", "#cbd5e1")):
        figure.add_bar(
            x=[shares.get(p) for p in practices], y=[p.replace("_", " ") for p in practices], orientation="h",
            name=name, marker_color=colour, hovertemplate=f"{name}: %{{x:.0%}} of tickets<extra></extra>",
        )  # fmt: skip
    figure.update_layout(barmode="group")
    # Top to bottom, so each practice lists the groups in legend order, the person or team first.
    figure.update_yaxes(autorange="reversed")
    figure.update_xaxes(range=[0, 1], tickformat=".0%", title_text="share of tickets")
    return styled(figure, height=160 + 20 * len(practices) * len(series))
