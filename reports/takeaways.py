"""One-line takeaways, written from the numbers each section draws.

Each function takes the rows a section shows and says what a reader should notice in them: what
moved since the week before, how many missed a target, what is rising. None of them computes a
metric of its own; they compare and pick from what the marts hold.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from reports.figures import SMALL_SAMPLE, few_cases
from reports.formatting import (
    business_duration,
    change_phrase,
    count,
    duration,
    percent_change,
    points,
    points_interval,
    share,
)
from reports.redact import redact

Row = Mapping[str, Any]
# Practices that make a conversation worse: less of them is better (SPEC section 4).
PRACTICES_TO_AVOID = frozenset({"negative_language", "blame", "doublespeak"})


def _plural(number: float | None, word: str, plural: str | None = None) -> str:
    """ "1 complaint", "3 complaints"."""
    return f"{count(number)} {word if number == 1 else plural or word + 's'}"


def was(before: Row | None, column: str) -> float | None:
    """A column of the week before, or None when there is no week before (the first week)."""
    return None if before is None else before.get(column)


def headlines(week: Row, before: Row | None) -> str:
    """Volume, the first-update time and the follow-up misses, against the week before."""
    tickets = _plural(week["tickets"], "ticket")
    before_tickets = was(before, "tickets")
    moved = percent_change(week["tickets"], before_tickets)
    if moved is None and before_tickets is not None and before_tickets != week["tickets"]:
        volume = f"{tickets} (from {before_tickets} the week before)"
    elif moved is None:
        volume = tickets
    elif moved == 0:
        volume = f"{tickets} (as many as the week before)"
    else:
        volume = f"{tickets} ({moved:+.0%} on the week before)"
    first_update = change_phrase(
        week["median_time_to_first_update_business_minutes"],
        was(before, "median_time_to_first_update_business_minutes"),
        business_duration,
    )
    return (
        f"{volume}, {_plural(week['complaints'], 'complaint')}; the median time to first update "
        f"{first_update} of business time; {_plural(week['broken_promises'], 'broken promise')} and "
        f"{_plural(week['left_hanging'], 'customer')} left hanging."
    )


def word_of_mouth(week: Row, before: Row | None) -> str:
    """The estimated reach, per complaint and avoidable, with the parameters behind it."""
    if not week["complaints"]:
        return "No complaints this week, so no word-of-mouth estimate."
    reach = change_phrase(week["word_of_mouth_reach"], was(before, "word_of_mouth_reach"))
    return (
        f"Estimated word-of-mouth reach {reach}: {count(week['complaint_to_wom_risk'])} people for each of the "
        f"{_plural(week['complaints'], 'complaint')} we saw. About {count(week['avoidable_reach'])} of them hear "
        f"of the {_plural(week['dissatisfied'], 'complaint')} that ended dissatisfied: the part better handling "
        f"could have prevented."
    )


def first_update(week: Row, before: Row | None, targets: Sequence[Row]) -> str:
    """The median first update against the week before, and how many missed their target."""
    median = change_phrase(
        week["median_time_to_first_update_business_minutes"],
        was(before, "median_time_to_first_update_business_minutes"),
        business_duration,
    )
    worst = max(targets, key=lambda t: (t["slow_first_updates"] / t["tickets"], t["tickets"]), default=None)
    hardest = (
        f"; {worst['priority']} tickets missed most often ({worst['slow_first_updates']} of {worst['tickets']} "
        f"against {business_duration(worst['first_update_target_minutes'])})"
        if worst and worst["slow_first_updates"]
        else ""
    )
    return (
        f"Median time to first update {median} of business time; {count(week['slow_first_updates'])} of "
        f"{_plural(week['tickets'], 'ticket')} missed their priority's target{hardest}, and "
        f"{count(week['update_gaps'])} waited longer than the update target between replies."
    )


def sentiment(week: Row, before: Row | None) -> str:
    """De-escalated and worsened conversations, out of the complaints that could show either."""
    base = week["complaints_with_two_customer_messages"]
    de_escalated = f"{count(week['de_escalated'])} de-escalated"
    if base:
        de_escalated += f" ({share(week['de_escalated'] / base)})"
    earlier = (
        f"; the week before, {count(before['de_escalated'])} de-escalated and {count(before['worsened'])} worsened"
        if before
        else ""
    )
    return (
        f"Of {_plural(base, 'complaint')} where the customer wrote more than once, {de_escalated}; "
        f"{count(week['worsened'])} {'ticket' if week['worsened'] == 1 else 'tickets'} ended clearly worse "
        f"than they began{earlier}."
    )


def practices(effects: Sequence[Row], all_weeks: Sequence[Row]) -> str:
    """The practice whose adjusted effect on de-escalation is largest and clear of zero, beside its
    one-at-a-time difference; else what the adjusted effects and the raw shares do say."""
    de_escalation = [row for row in effects if row["outcome"] == "de_escalation"]
    readable = [row for row in de_escalation if row["enough_data"]]
    if not readable:
        reason = de_escalation[0]["too_thin"] if de_escalation else "no answered complaints yet"
        return (
            f"Too few complaints yet to tell the practices' effects apart ({_reason(reason)}): the shares below "
            f"compare one practice at a time, mixing habits used together and the case mix. {raw_practices(all_weeks)}"
        )
    clear = [row for row in readable if row["effect_low"] > 0 or row["effect_high"] < 0]
    if not clear:
        return (
            "Other things equal, no practice in the first reply moves de-escalation beyond chance: every 95% interval "
            "of the adjusted effects includes zero. " + raw_practices(all_weeks)
        )
    best = max(clear, key=lambda row: abs(row["effect"]))
    return (
        f"Other things equal, complaints whose first reply used {best['practice'].replace('_', ' ')} de-escalated "
        f"{_points_more(best['effect'])} (95% interval {points_interval(best['effect_low'], best['effect_high'])} points); "
        f"one practice at a time the difference was {points(best['raw_difference'])}."
    )


def raw_practices(all_weeks: Sequence[Row]) -> str:
    """The practice with the largest one-at-a-time de-escalation difference that has enough cases to read."""
    readable = [
        row for row in all_weeks
        if not few_cases(row)
        and row["de_escalation_rate_with"] is not None and row["de_escalation_rate_without"] is not None
    ]  # fmt: skip
    if not readable:
        return (
            f"No practice has yet been used, and left out, in {SMALL_SAMPLE} or more complaints: read the "
            f"differences below as hints, not findings."
        )
    best = max(readable, key=lambda r: abs(r["de_escalation_rate_with"] - r["de_escalation_rate_without"]))
    overlap = (
        best["de_escalation_low_with"] <= best["de_escalation_high_without"]
        and best["de_escalation_low_without"] <= best["de_escalation_high_with"]
    )
    verdict = "the 95% intervals overlap, so chance could explain it" if overlap else "the 95% intervals do not overlap"
    return (
        f"One at a time, complaints whose first reply used {best['practice'].replace('_', ' ')} de-escalated "
        f"{share(best['de_escalation_rate_with'])} of the time against {share(best['de_escalation_rate_without'])} "
        f"without ({count(best['complaints_with'])} and {count(best['complaints_without'])} complaints); {verdict}."
    )


def _points_more(value: float) -> str:
    """ "6 points more often", "4 points less often"."""
    whole = abs(round(value))
    return f"{whole} {'point' if whole == 1 else 'points'} {'more' if value > 0 else 'less'} often"


def _reason(too_thin: str | None) -> str:
    """A too_thin reason without its "too thin: " prefix, to sit inside a sentence."""
    return (too_thin or "").removeprefix("too thin: ")


def practice_effects(name: str, effects: Sequence[Row], compared_with: str, comparison: Sequence[Row]) -> str:
    """What one agent's or team's practices do to de-escalation, other things equal, against the
    group compared with; for an agent only where the interval of the difference excludes zero."""
    if not effects:
        return f"No practice effects for {name}: none of their answered complaints sits in a team to compare with."
    de_escalation = [row for row in effects if row["outcome"] == "de_escalation"]
    readable = [row for row in de_escalation if row["enough_data"]]
    if not readable:
        reason = _reason(de_escalation[0]["too_thin"])
        return f"Too few complaints to tell what {name}'s practices do on their own ({reason}); the habits above are shares, not effects."
    if any(row["difference_from_team"] is not None for row in readable):
        differs = [
            row for row in readable
            if row["difference_from_team_low"] > 0 or row["difference_from_team_high"] < 0
        ]  # fmt: skip
        if not differs:
            return (
                f"None of {name}'s practices works measurably differently from the rest of {compared_with}'s: every "
                f"95% interval of the difference includes zero."
            )
        return (
            "; ".join(
                f"{name}'s {row['practice'].replace('_', ' ')} in the first reply de-escalates "
                f"{_points_more(row['difference_from_team'])} than the rest of {compared_with}'s, other things equal "
                f"(95% interval {points_interval(row['difference_from_team_low'], row['difference_from_team_high'])} points)"
                for row in sorted(differs, key=lambda row: -abs(row["difference_from_team"]))
            )
            + "."
        )
    clear = [row for row in readable if row["effect_low"] > 0 or row["effect_high"] < 0]
    if not clear:
        return f"Other things equal, no practice of {name}'s moves de-escalation beyond chance (every 95% interval includes zero)."
    best = max(clear, key=lambda row: abs(row["effect"]))
    theirs = next(
        (row for row in comparison if row["practice"] == best["practice"] and row["outcome"] == "de_escalation"), None
    )
    against = f"; across {compared_with}, {points(theirs['effect'])}" if theirs and theirs["enough_data"] else ""
    return (
        f"Other things equal, {name}'s complaints whose first reply used {best['practice'].replace('_', ' ')} "
        f"de-escalated {_points_more(best['effect'])} "
        f"(95% interval {points_interval(best['effect_low'], best['effect_high'])} points){against}."
    )


def themes(week_themes: Sequence[Row], causes_this_week: Sequence[Row]) -> str:
    """The fastest rising theme, and the root cause behind most complaints this week."""
    # "other" is where the cues found nothing: it is no cause to lead with while a named one exists.
    named = [r for r in causes_this_week if r["root_cause"] != "other"]
    leading = max(named or causes_this_week, key=lambda r: r["complaints"], default=None)
    total = sum(r["complaints"] for r in causes_this_week)
    unnamed = total - sum(r["complaints"] for r in named)
    cause = (
        f"; the leading cause was {leading['root_cause'].replace('_', ' ')} ({leading['complaints']} of {total}"
        + (f", {unnamed} with no cause the playbook recognises)" if named and unnamed else ")")
        if leading
        else ""
    )
    rising = [row for row in week_themes if row["change"] > 0]
    if not rising:
        return f"No complaint theme rose above its average of the four weeks before{cause}."
    top = rising[0]
    return (
        f"Rising: “{redact(top['theme'])}” with {_plural(top['complaints'], 'complaint')} against "
        f"{top['prior_weeks_average']:.1f} a week before{cause}."
    )


def open_tickets(at_risk: Sequence[Row]) -> str:
    """How much word of mouth the open tickets could still avoid, and the longest wait."""
    if not at_risk:
        return "No ticket from this week or before is still open."
    reach = sum(row["avoidable_reach"] or 0 for row in at_risk)
    waits = [
        row["longest_customer_wait_minutes"] for row in at_risk if row["longest_customer_wait_minutes"] is not None
    ]
    longest = f"; the longest customer wait among them is {duration(max(waits))}" if waits else ""
    return (
        f"The {_plural(len(at_risk), 'open ticket')} below could still reach about {count(reach)} people "
        f"with a bad story if left as they are{longest}."
    )


def casebook(cases: Sequence[Any]) -> str:
    """How many recoveries and misses the casebook holds, and the worst miss."""
    recoveries = [case for case in cases if case.kind == "recovery"]
    misses = [case for case in cases if case.kind == "miss"]
    if not cases:
        return "No complaint de-escalated and no conversation went wrong this week: nothing to study."
    worst = f"; the worst miss, {misses[0].ticket_id}: {', '.join(misses[0].what_happened)}" if misses else ""
    recovered = _plural(len(recoveries), "recovery", "recoveries")
    return f"{recovered} and {_plural(len(misses), 'miss', 'misses')} to learn from{worst}."


def habits(name: str, own: Mapping[str, float | None], other_name: str, other: Mapping[str, float | None]) -> str:
    """The habit one agent or team does best and the one most to work on, against the group compared."""
    # How much better than the group: more of a good practice, or less of one to avoid.
    better = {
        p: (other[p] - own[p]) if p in PRACTICES_TO_AVOID else (own[p] - other[p])
        for p in own if own.get(p) is not None and other.get(p) is not None
    }  # fmt: skip
    if not better:
        return f"No practice shares to compare for {name} this week."

    def said(practice: str) -> str:
        return f"{practice.replace('_', ' ')} ({share(own[practice])} of tickets against {share(other[practice])})"

    best, worst = max(better, key=better.get), min(better, key=better.get)
    parts = []
    if better[best] > 0:
        less = "less " if best in PRACTICES_TO_AVOID else ""
        parts.append(f"{name}'s strongest habit against {other_name}: {less}{said(best)}")
    if better[worst] < 0:
        parts.append(f"most to work on: {said(worst)}")
    if not parts:
        return f"{name} uses every practice as often as {other_name}."
    return "; ".join(parts) + "."


def outcomes(name: str, own: Row, other_name: str, other: Row) -> str:
    """Follow-up misses and de-escalations of one agent or team against the group compared with."""

    def tally(row: Row) -> str:
        return (
            f"{_plural(row['broken_promises'], 'broken promise')}, {count(row['left_hanging'])} left hanging, "
            f"{_plural(row['slow_first_updates'], 'slow first update')} and {count(row['de_escalated'])} de-escalated "
            f"in {_plural(row['tickets'], 'ticket')}"
        )

    return f"{name}: {tally(own)}; {other_name}: {tally(other)}."
