"""What each practice does to a complaint once the other practices and the case mix are held equal.

Agents use practices together (an apology with an acknowledgement, a redirect on Twitter,
doublespeak in the hardest cases), so comparing complaints with and without one practice at a time
(marts.practice_outcomes) credits it with the effect of the others and of the case mix. Here every
practice of one window (the first agent reply, or anywhere in the conversation) enters one
logistic regression per outcome, beside the case mix: priority, channel, team, root cause, the
customer's opening sentiment and negative signals, and the wait before the first reply.

Each practice's effect is its average marginal effect in percentage points: the mean, over the
complaints of the scope, of the modelled chance with the practice minus without it, everything
else as it was ("complaints with an apology de-escalate 6 points more often, other things equal"),
with a 95% interval by the delta method. It is an adjusted association: nobody assigned the
practices at random, so a habit that goes with something unmeasured still takes its credit.

Scopes: all teams, each team, and each agent within their team. An agent's fit reads the whole
team, with a term for the agent and one per practice for the agent's use of it, so their effect
can be set against the rest of the team's on the same complaints (`difference_from_team`).

The fit is a logistic regression with a prior as weak as one complaint per term (see `_logit`):
over hundreds of complaints it is maximum likelihood in all but name, and it still gives a finite
answer where some mix of practices ended the same way every time. What the data cannot say is
said instead of fitted: a practice used in, or left out of, too few complaints, or whose
complaints all ended one way; one that always comes with others; a scope with too few complaints
(the minimums are in settings.yaml, `practice_effects`). Those rows carry a NULL effect and the
reason in `too_thin`.
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
import polars as pl
from threadpoolctl import threadpool_limits

from heatcheck.metrics.settings import PracticeEffects

OUTCOMES = {"de_escalation": "de_escalated", "resolution": "resolved"}  # outcome: its column
USED_IN = {"first_reply": "_in_first_reply", "conversation": "_in_conversation"}  # where used: column suffix
CASE_MIX_GROUPS = ("priority", "channel", "team", "root_cause")
CASE_MIX_MEASURES = ("opening_sentiment", "opening_signals", "log_minutes_to_first_reply")
# A priority, channel, team or root cause seen in fewer complaints joins "other": a handful of
# complaints would add a term the data can barely estimate, and often separate.
RARE_GROUP = 10
Z_95 = 1.959963984540054
POINTS = 100.0

SCHEMA = {
    "scope": pl.String,
    "scope_id": pl.String,
    "team": pl.String,
    "agent_id": pl.String,
    "practice": pl.String,
    "used_in": pl.String,
    "outcome": pl.String,
    "complaints": pl.Int64,
    "complaints_with": pl.Int64,
    "effect": pl.Float64,
    "effect_low": pl.Float64,
    "effect_high": pl.Float64,
    "raw_rate_with": pl.Float64,
    "raw_rate_without": pl.Float64,
    "raw_difference": pl.Float64,
    "difference_from_team": pl.Float64,
    "difference_from_team_low": pl.Float64,
    "difference_from_team_high": pl.Float64,
    "enough_data": pl.Boolean,
    "too_thin": pl.String,
    "model": pl.String,
}


@dataclass(frozen=True)
class Scope:
    """Whose complaints an effect is about: all teams, one team, or one agent within a team."""

    scope: str
    scope_id: str
    team: str | None = None
    agent_id: str | None = None


@dataclass
class Design:
    """The model's columns: an intercept, the case mix, the practices (and an agent's terms)."""

    names: list[str] = field(default_factory=lambda: ["intercept"])
    columns: list[np.ndarray] = field(default_factory=list)
    case_mix: list[str] = field(default_factory=list)  # the case-mix variables that entered
    practices: list[str] = field(default_factory=list)  # the practices that entered
    # The matrix of the first columns, once made: every agent of a team adds a few columns to the
    # team's, whose matrix is then built once instead of once per agent.
    built: np.ndarray | None = None

    def add(self, name: str, column: np.ndarray) -> None:
        """One more column, after those already there."""
        self.names.append(name)
        self.columns.append(column)

    def drop(self, index: int) -> None:
        """Leave out one column (not the intercept)."""
        self.names.pop(index)
        self.columns.pop(index - 1)
        if self.built is not None and index < self.built.shape[1]:
            self.built = None

    def copy(self) -> Design:
        """Another design with the same columns, to add to without changing this one."""
        return Design(list(self.names), list(self.columns), list(self.case_mix), list(self.practices), self.built)

    def matrix(self, rows: int) -> np.ndarray:
        """The design matrix, the intercept first."""
        if self.built is None:
            return np.column_stack([np.ones(rows), *self.columns])
        return np.column_stack([self.built, *self.columns[self.built.shape[1] - 1 :]])


def practice_effects(complaints: pl.DataFrame, minimums: PracticeEffects) -> pl.DataFrame:
    """One row per scope, used_in, outcome and practice, from one row per answered complaint.

    `complaints` has ticket_id, team, agent_id, de_escalated (NULL where the customer wrote only
    once), resolved, the CASE_MIX_GROUPS and CASE_MIX_MEASURES columns, and a boolean `<practice>_in_first_reply` and
    `<practice>_in_conversation` per practice (practice_effect_features).
    """
    practices = [name.removesuffix(USED_IN["first_reply"]) for name in complaints.columns
                 if name.endswith(USED_IN["first_reply"])]  # fmt: skip
    windows = [(used_in, outcome) for used_in in USED_IN for outcome in OUTCOMES]
    # The four fits share nothing, and most of their time is NumPy's, which lets go of Python's
    # lock: on threads they use the machine's cores without copying the complaints to processes.
    # Each matrix product then runs on one BLAS thread, as the cores are already busy (left to
    # itself, OpenBLAS starts a thread a core for every product and the fits run slower, not faster).
    with (
        threadpool_limits(limits=1, user_api="blas"),
        ThreadPoolExecutor(min(len(windows), os.cpu_count() or 1)) as pool,
    ):
        parts = pool.map(lambda window: _window_rows(complaints, practices, *window, minimums), windows)
        found = [row for part in parts for row in part]
    return pl.DataFrame(found, schema=SCHEMA, orient="row") if found else pl.DataFrame(schema=SCHEMA)


def _window_rows(complaints: pl.DataFrame, practices: list[str], used_in: str, outcome: str,
                 minimums: PracticeEffects) -> list[dict]:  # fmt: skip
    """The rows of one used_in (first reply or conversation) and outcome, every scope."""
    column = OUTCOMES[outcome]
    rows = complaints.filter(pl.col(column).is_not_null())
    y = rows[column].cast(pl.Float64).to_numpy()
    used = {p: rows[f"{p}{USED_IN[used_in]}"].fill_null(False).cast(pl.Float64).to_numpy() for p in practices}
    fit = _Fit(rows, y, used, used_in, outcome, minimums)
    found = fit.scope_rows(Scope("all", "all"), np.ones(rows.height, dtype=bool), minimums.min_complaints)
    teams = rows["team"].to_numpy()
    agents = rows["agent_id"].to_numpy()
    # Scopes from every answered complaint, so each has a row for both outcomes, however thin.
    for team in sorted(complaints["team"].drop_nulls().unique()):
        in_team = teams == team
        found += fit.scope_rows(Scope("team", team, team=team), in_team, minimums.min_complaints)
        for agent in sorted(complaints.filter(pl.col("team") == team)["agent_id"].drop_nulls().unique()):
            found += fit.agent_rows(Scope("agent", agent, team=team, agent_id=agent), in_team,
                                    in_team & (agents == agent))  # fmt: skip
    return found


@dataclass(frozen=True)
class _Team:
    """What every agent fit of one team starts from."""

    design: Design
    thin: dict[str, str]
    basis: np.ndarray  # orthonormal, spanning the design's columns
    y: np.ndarray
    used: dict[str, np.ndarray]


class _Fit:
    """The fits of one used_in (first reply or conversation) and outcome, over the rows the outcome applies to."""

    def __init__(self, rows: pl.DataFrame, y: np.ndarray, used: dict[str, np.ndarray], used_in: str, outcome: str,
                 minimums: PracticeEffects):  # fmt: skip
        self.rows, self.y, self.used = rows, y, used
        self.used_in, self.outcome, self.minimums = used_in, outcome, minimums
        # The case mix as NumPy once: every scope's design reads it.
        self.groups = {name: rows[name].fill_null("unknown").cast(pl.String).to_numpy().astype(str)
                       for name in CASE_MIX_GROUPS}  # fmt: skip
        self.measures = {name: rows[name].cast(pl.Float64).fill_null(0.0).to_numpy() for name in CASE_MIX_MEASURES}
        # An agent's fit starts from the team's design and rows, the same for every agent of the team.
        self._teams: dict[str | None, _Team] = {}
        # ...and from the team's coefficients (the agent's own terms at 0): the same optimum, the
        # likelihood being concave, in fewer Newton steps.
        self._team_coefficients: dict[str | None, dict[str, float]] = {}

    def scope_rows(self, scope: Scope, among: np.ndarray, least: int) -> list[dict]:
        """Every practice's effect over the complaints `among` (all teams, or one team)."""
        n = int(among.sum())
        if n < least:
            return self._thin_rows(
                scope, among, f"too thin: {n} answered complaints here; the settings ask for {least}"
            )
        design, thin = self._design(among)
        x = _set_aside_redundant(design, thin, n)
        result = _logit(self.y[among], x)
        if isinstance(result, str):
            return self._thin_rows(scope, among, result)
        if scope.scope == "team":
            self._team_coefficients[scope.team] = dict(zip(design.names, result.params, strict=True))
        effects = {}
        for practice in self.used:
            if practice not in thin:
                j = design.names.index(practice)
                effects[practice] = _average_change(result, x, [(1.0, {j: 1.0}), (-1.0, {j: 0.0})])
        model = _model_text(agent=False, design=design)
        return [self._row(scope, among, p, effects.get(p), None, thin.get(p), model) for p in self.used]

    def agent_rows(self, scope: Scope, in_team: np.ndarray, own: np.ndarray) -> list[dict]:
        """The agent's effect of each practice on their complaints, and its difference from what the rest
        of the team's use of it does on the same complaints."""
        least, team_least = self.minimums.min_agent_complaints, self.minimums.min_complaints
        n, rest, team = int(own.sum()), int((in_team & ~own).sum()), int(in_team.sum())
        for count, whose, needed in ((n, "of this agent", least), (rest, "of the rest of the team", least),
                                     (team, "in the team", team_least)):  # fmt: skip
            if count < needed:
                return self._thin_rows(
                    scope, own, f"too thin: {count} answered complaints {whose}; the settings ask for {needed}"
                )
        if scope.team not in self._teams:
            self._teams[scope.team] = self._team(in_team)
        team_rows = self._teams[scope.team]
        design, thin = team_rows.design.copy(), dict(team_rows.thin)
        # The agent's own complaints by position: a few hundred rows read directly, not a mask
        # over every complaint read once per practice.
        mine, own = own[in_team], np.flatnonzero(own)
        agent = mine.astype(float)
        design.add("this_agent", agent)
        for practice in self.used:
            if practice not in thin:
                reason = _too_few(self.used[practice][own], self.y[own], self.minimums.min_practice_complaints,
                                  "this agent's")  # fmt: skip
                if reason:
                    thin[practice] = reason
                else:
                    design.add(f"{practice}:this_agent", agent * team_rows.used[practice])
        x = _set_aside_redundant(design, thin, team, known=len(team_rows.design.names), basis=team_rows.basis)
        if "this_agent" not in design.names:
            return self._thin_rows(scope, own, "too thin: this agent's complaints are all of a kind the rest of the "
                                               "team's are not (one channel, priority or root cause)")  # fmt: skip
        coefficients = self._team_coefficients.get(scope.team, {})
        result = _logit(team_rows.y, x, [coefficients.get(name, 0.0) for name in design.names])
        if isinstance(result, str):
            return self._thin_rows(scope, own, result)
        x = x[mine]
        as_the_team = {design.names.index("this_agent"): 0.0} | {
            i: 0.0 for i, name in enumerate(design.names) if name.endswith(":this_agent")
        }
        effects, differences = {}, {}
        for practice in self.used:
            if practice not in thin:
                j, k = design.names.index(practice), design.names.index(f"{practice}:this_agent")
                theirs = [(1.0, {j: 1.0, k: 1.0}), (-1.0, {j: 0.0, k: 0.0})]
                the_teams = [(-1.0, as_the_team | {j: 1.0}), (1.0, as_the_team | {j: 0.0})]
                effects[practice] = _average_change(result, x, theirs)
                differences[practice] = _average_change(result, x, theirs + the_teams)
        model = _model_text(agent=True, design=design)
        return [self._row(scope, own, p, effects.get(p), differences.get(p), thin.get(p), model) for p in self.used]

    def _team(self, in_team: np.ndarray) -> _Team:
        """The team's design, its columns told apart once (each agent's fit then only adds its
        own), and the team's outcomes and practices."""
        design, thin = self._design(in_team, "the team's")
        design.built = _set_aside_redundant(design, thin, int(in_team.sum()))
        basis = np.linalg.qr(design.built)[0]
        return _Team(design, thin, basis, self.y[in_team], {p: used[in_team] for p, used in self.used.items()})

    def _design(self, among: np.ndarray, whose: str = "the") -> tuple[Design, dict[str, str]]:
        """The case mix and the practices that can be estimated over `among` (whose complaints they
        are, for the reasons), and why the others cannot."""
        y = self.y[among]
        design = Design()
        for name in CASE_MIX_GROUPS:
            _add_groups(design, name, self.groups[name][among], y)
        for name in CASE_MIX_MEASURES:
            values = self.measures[name][among]
            if values.std() > 0:
                # Standardised, so the coefficients share a scale; the effects do not change.
                design.add(name, (values - values.mean()) / values.std())
                design.case_mix.append(name)
        thin = {}
        for practice, used in self.used.items():
            reason = _too_few(used[among], y, self.minimums.min_practice_complaints, whose)
            if reason:
                thin[practice] = reason
            else:
                design.add(practice, used[among])
                design.practices.append(practice)
        return design, thin

    def _thin_rows(self, scope: Scope, among: np.ndarray, reason: str) -> list[dict]:
        """Every practice's row without an effect, for one reason that holds for the whole scope."""
        model = _model_text(agent=scope.scope == "agent")
        return [self._row(scope, among, p, None, None, reason, model) for p in self.used]

    def _row(self, scope: Scope, among: np.ndarray, practice: str, effect: tuple[float, float] | None,
             difference: tuple[float, float] | None, thin: str | None, model: str) -> dict:  # fmt: skip
        used, y = self.used[practice][among], self.y[among]
        with_practice = int(used.sum())
        without = len(used) - with_practice
        rate_with = float(y[used == 1].mean()) if with_practice else None
        rate_without = float(y[used == 0].mean()) if without else None
        return {
            "scope": scope.scope,
            "scope_id": scope.scope_id,
            "team": scope.team,
            "agent_id": scope.agent_id,
            "practice": practice,
            "used_in": self.used_in,
            "outcome": self.outcome,
            "complaints": len(used),
            "complaints_with": with_practice,
            **_interval("effect", effect),
            "raw_rate_with": rate_with,
            "raw_rate_without": rate_without,
            "raw_difference": None if None in (rate_with, rate_without) else POINTS * (rate_with - rate_without),
            **_interval("difference_from_team", difference),
            "enough_data": effect is not None,
            "too_thin": None if effect is not None else thin,
            "model": model,
        }


def _add_groups(design: Design, name: str, values: np.ndarray, y: np.ndarray) -> None:
    """One 0/1 column per group but the most common (the reference); rare or one-sided groups join "other"."""
    values = values.astype(str)
    levels, counts = np.unique(values, return_counts=True)
    # A group whose complaints all ended the same way has no finite coefficient (separation).
    kept = [level for level, count in zip(levels, counts) if count >= RARE_GROUP and 0 < y[values == level].mean() < 1]
    grouped = np.where(np.isin(values, kept), values, "other")
    levels, counts = np.unique(grouped, return_counts=True)
    if len(levels) < 2:
        return
    reference = levels[np.argmax(counts)]
    for level in levels:
        if level != reference:
            design.add(f"{name}={level}", (grouped == level).astype(float))
    design.case_mix.append(name)


def _too_few(used: np.ndarray, y: np.ndarray, least: int, whose: str) -> str | None:
    """Why a practice cannot be estimated from these complaints, or None when it can."""
    with_practice = int(used.sum())
    without = len(used) - with_practice
    if min(with_practice, without) < least:
        how = f"used in {with_practice}" if with_practice < least else f"left out of {without}"
        return f"too thin: {how} of {whose} {len(used)} complaints; the settings ask for {least}"
    for side, rows in (("with", used == 1), ("without", used == 0)):
        if np.all(y[rows] == y[rows][0]):
            return f"too thin: every one of {whose} complaints {side} it ended the same way (separation)"
    return None


def _set_aside_redundant(design: Design, thin: dict[str, str], rows: int, known: int = 1,
                         basis: np.ndarray | None = None) -> np.ndarray:  # fmt: skip
    """Drop the columns that add nothing the columns before them already say (exact collinearity),
    and return the design matrix of the columns kept.

    The case mix comes first, so a practice that only repeats it, or the other practices, is the
    one set aside; the practices it repeats are not reported either, since what the model would
    credit to them is the two together. The first `known` columns are known to be kept (an agent's
    fit starts from the team's columns, already told apart), and `basis`, when given, is an
    orthonormal basis of them.
    """
    matrix = design.matrix(rows)
    kept = list(range(matrix.shape[1]))
    start = known
    while True:
        # What is left of each column once the columns before it are taken out is the diagonal of
        # R in a QR decomposition (one LAPACK call instead of a Gram-Schmidt loop in Python). The
        # first column left with nothing is redundant; past it R reads rounding noise as a direction,
        # so the columns after it are looked at again without it.
        if basis is None:
            columns = matrix[:, kept]
            left = np.abs(np.diagonal(np.linalg.qr(columns, mode="r")))[start:]
            sizes = np.linalg.norm(columns[:, start:], axis=0)
        else:
            # The same diagonal's tail at a fraction of the cost (an agent adds a few columns to a
            # team's fifty): the QR of what the basis leaves of the columns after the known ones.
            tail = matrix[:, kept[known:]]
            sizes = np.linalg.norm(tail, axis=0)[start - known :]
            tail -= basis @ (basis.T @ tail)
            left = np.abs(np.diagonal(np.linalg.qr(tail, mode="r")))[start - known :]
        redundant = np.flatnonzero(left <= 1e-9 * np.maximum(sizes, 1.0))
        if not len(redundant):
            break
        position = start + int(redundant[0])
        index, before = kept[position], kept[:position]
        repeated = np.linalg.lstsq(matrix[:, before], matrix[:, index], rcond=None)[0]
        partners = [design.names[k] for k, weight in zip(before, repeated) if k and abs(weight) > 1e-8]
        _name_redundant(design, thin, design.names[index], partners)
        kept.pop(position)
        start = position
    for index in sorted(set(range(matrix.shape[1])) - set(kept), reverse=True):
        design.drop(index)
    design.practices = [name for name in design.practices if name in design.names]
    design.case_mix = [name for name in design.case_mix if any(n.split("=")[0] == name for n in design.names)]
    return matrix[:, kept]


def _name_redundant(design: Design, thin: dict[str, str], column: str, partners: list[str]) -> None:
    """Why each practice among a redundant column and the columns it repeats goes unreported."""
    name = column.removesuffix(":this_agent")
    for practice in [name] + partners:
        practice = practice.removesuffix(":this_agent")
        if practice in design.practices:
            others = ", ".join(
                p.removesuffix(":this_agent").replace("this_agent", "this agent")
                for p in [name] + partners
                if p.removesuffix(":this_agent") != practice
            )
            thin.setdefault(practice, f"too thin: its use here follows {others} exactly, so their effects "
                                      "cannot be told apart")  # fmt: skip


@dataclass(frozen=True)
class Fitted:
    """A fitted logistic regression: its coefficients and their covariance."""

    params: np.ndarray
    covariance: np.ndarray


# Newton's steps stop when no coefficient moves more than this (statsmodels' own tolerance).
NEWTON_TOLERANCE = 1e-8
NEWTON_STEPS = 100


def _logit(y: np.ndarray, x: np.ndarray, start: Sequence[float] | None = None) -> Fitted | str:
    """The logistic regression of y on the design matrix x, or why it cannot be read; Newton's
    steps begin at `start` when given (one coefficient per column), else at 0.

    Each term but the intercept gets the weak log-F(1,1) prior of Greenland and Mansournia
    (Statistics in Medicine, 2015), fitted as they show: one pseudo-complaint per term, with that
    term's column at 1 and every other at 0, counted as half a success and half a failure. It weighs
    as much as one complaint, so over hundreds it barely moves an estimate; but when some mix of
    practices and case mix ended the same way every time (separation, common in a team's or an
    agent's few hundred complaints), maximum likelihood has no finite answer and this one does.

    The fit is Newton's method on the binomial likelihood, as statsmodels' GLM(method="newton")
    does it and to the same optimum (tests/test_practice_effects.py holds the two together); done
    here, a fit costs its matrix products only, where statsmodels' GLM spent three quarters of the
    mart's time on the rank of the whole design and its own bookkeeping, 300 fits a run.
    """
    less_common = int(min(y.sum(), len(y) - y.sum()))
    terms = x.shape[1]
    if less_common < terms:
        return (
            f"too thin: only {less_common} complaints ended the less common way, fewer than the model's {terms} terms"
        )
    x = np.vstack([x, np.eye(terms)[1:]])
    successes = np.concatenate([y, np.full(terms - 1, 0.5)])
    params = np.zeros(terms) if start is None else np.asarray(start, dtype=float)
    try:
        for _step in range(NEWTON_STEPS):
            chance = 1.0 / (1.0 + np.exp(-(x @ params)))
            information = _information(x, chance)
            step = np.linalg.solve(information, x.T @ (successes - chance))
            params = params + step
            if not np.all(np.isfinite(params)):
                break
            if np.max(np.abs(step)) <= NEWTON_TOLERANCE:
                chance = 1.0 / (1.0 + np.exp(-(x @ params)))
                covariance = np.linalg.inv(_information(x, chance))
                if not np.all(np.isfinite(np.diagonal(covariance))) or np.any(np.diagonal(covariance) < 0):
                    return "too thin: the model's uncertainty cannot be computed on these complaints"
                return Fitted(params, covariance)
    except np.linalg.LinAlgError:
        pass
    return "too thin: the model does not converge on these complaints"


def _information(x: np.ndarray, chance: np.ndarray) -> np.ndarray:
    """The binomial likelihood's information matrix, x' diag(p(1-p)) x, as z'z with z = x sqrt(p(1-p)):
    NumPy computes a product of a matrix with its own transpose in half the multiplications."""
    z = x * np.sqrt(chance * (1.0 - chance))[:, None]
    return z.T @ z


def _average_change(
    result: Fitted, x: np.ndarray, variants: Sequence[tuple[float, dict[int, float]]]
) -> tuple[float, float]:
    """The mean over the rows of x of a weighted sum of modelled chances, each with some columns set
    to a value ("what if every complaint had, or had not, had it"): an average marginal effect, or a
    difference of two, and its standard error by the delta method.

    A set column only shifts each row's linear predictor, and enters the gradient as its value, so
    no copy of x is made per variant.
    """
    params, covariance = result.params, result.covariance
    linear = x @ params
    value, gradient = 0.0, np.zeros(len(params))
    for weight, values in variants:
        columns, set_to = list(values), np.array(list(values.values()))
        shift = (set_to - x[:, columns]) @ params[columns]
        chance = 1.0 / (1.0 + np.exp(-(linear + shift)))
        slope = chance * (1 - chance)
        value += weight * chance.mean()
        change = (slope @ x) / len(x)
        change[columns] = slope.mean() * set_to
        gradient += weight * change
    return float(value), float(math.sqrt(max(gradient @ covariance @ gradient, 0.0)))


def _interval(name: str, estimate: tuple[float, float] | None) -> dict[str, float | None]:
    """The estimate and its 95% interval, in percentage points."""
    if estimate is None:
        return {name: None, f"{name}_low": None, f"{name}_high": None}
    value, error = estimate
    return {
        name: POINTS * value,
        f"{name}_low": POINTS * (value - Z_95 * error),
        f"{name}_high": POINTS * (value + Z_95 * error),
    }


def _model_text(agent: bool, design: Design | None = None) -> str:
    """What the row's model is (or would be, where it could not be fitted), in words an analyst can check."""
    if agent:
        text = (
            "logistic regression (binomial, log-F(1,1) prior, Newton's method) on the team's complaints: every "
            "practice, this agent and their use of each, and the case mix"
        )
    else:
        text = "logistic regression (binomial, log-F(1,1) prior, Newton's method): every practice together and the case mix"
    if design is not None:
        text += f" ({len(design.practices)} practices; case mix: {', '.join(design.case_mix) or 'none'})"
    whose = " over the agent's complaints" if agent else ""
    return f"{text}; average marginal effect{whose} with a delta-method 95% interval"
