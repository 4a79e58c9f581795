"""The chance that a ticket's customer ends dissatisfied, estimated from the conversation so far.

A logistic regression on a handful of features every ticket has (the customer's sentiment at the
start and now, complaint, how many distinct negative signals the customer showed, the longest
wait in business hours, a broken promise, whether the words or the status say resolved, whether
the conversation ends on an unanswered customer message), fitted on the closed tickets:

- with CSAT where at least `MIN_RATED` closed tickets carry a rating and both ratings occur
  (bad = dissatisfied), since that is the customer's own word;
- otherwise on the closed complaints, with SPEC section 6's rule as the outcome (not resolved,
  or the customer's last message still negative), so the chance extends the rule to open
  tickets instead of replacing it.

Fitted by Newton's method with a small ridge penalty (the data are often few and separable),
features standardised on the training rows. With fewer than `MIN_TRAINING` training rows, or one
outcome only, every ticket gets the training rows' observed rate (NULL without any).
"""

from __future__ import annotations

import math

import polars as pl

FEATURES = (
    "start_sentiment",
    "end_sentiment",
    "complaint",
    "negative_signals",
    "log_longest_wait_business_hours",
    "broken_promise",
    "resolved",
    "ends_unanswered",
)
MIN_RATED = 20
MIN_TRAINING = 10
RIDGE = 1.0
ITERATIONS = 25


def dissatisfaction_chances(tickets: pl.DataFrame) -> pl.DataFrame:
    """Tickets (ticket_id, is_open, csat, rule_dissatisfied and the FEATURES) -> ticket_id,
    dissatisfaction_chance, trained_on ('csat', 'rule' or NULL for tickets outside the training
    set) and observed_dissatisfied (the training outcome, NULL outside it)."""
    features = tickets.with_columns(pl.col(name).cast(pl.Float64).fill_null(0.0) for name in FEATURES)
    closed = features.filter(~pl.col("is_open"))
    rated = closed.filter(pl.col("csat").is_in(["good", "bad"]))
    if rated.height >= MIN_RATED and rated["csat"].n_unique() == 2:
        source, train = "csat", rated.with_columns(_y=(pl.col("csat") == "bad").cast(pl.Float64))
    else:
        source = "rule"
        train = closed.filter(pl.col("complaint") > 0).with_columns(
            _y=pl.col("rule_dissatisfied").cast(pl.Float64).fill_null(0.0)
        )
    chance = _fitted_chance(train, features)
    in_training = pl.col("ticket_id").is_in(train["ticket_id"].implode())
    observed = features.join(train.select("ticket_id", "_y"), on="ticket_id", how="left")
    return observed.select(
        "ticket_id",
        dissatisfaction_chance=chance,
        trained_on=pl.when(in_training).then(pl.lit(source)),
        observed_dissatisfied=pl.col("_y").cast(pl.Boolean),
    )


def _fitted_chance(train: pl.DataFrame, features: pl.DataFrame) -> pl.Expr:
    """An expression giving each row of `features` its chance under the model fitted on `train`."""
    if train.height == 0:
        return pl.lit(None, dtype=pl.Float64)
    rate = train["_y"].mean()
    if train.height < MIN_TRAINING or train["_y"].n_unique() < 2:
        return pl.lit(rate, dtype=pl.Float64)
    means = {name: train[name].mean() for name in FEATURES}
    scales = {name: (train[name].std() or 1.0) for name in FEATURES}
    columns = [pl.lit(1.0)] + [(pl.col(name) - means[name]) / scales[name] for name in FEATURES]
    design = train.select(*[column.alias(f"_x{i}") for i, column in enumerate(columns)], "_y")
    weights = _newton(design, len(columns))
    logit = sum((w * column for w, column in zip(weights, columns, strict=True)), pl.lit(0.0))
    return 1.0 / (1.0 + (-logit).exp())


def _newton(design: pl.DataFrame, size: int) -> list[float]:
    """Ridge-penalised logistic regression weights (the intercept unpenalised) by Newton steps."""
    weights = [0.0] * size
    x = [pl.col(f"_x{i}") for i in range(size)]
    for _ in range(ITERATIONS):
        logit = sum((w * column for w, column in zip(weights, x, strict=True)), pl.lit(0.0))
        p = 1.0 / (1.0 + (-logit).exp())
        step = design.select(
            *[((p - pl.col("_y")) * x[i]).sum().alias(f"g{i}") for i in range(size)],
            *[(p * (1 - p) * x[i] * x[j]).sum().alias(f"h{i}_{j}") for i in range(size) for j in range(i, size)],
        ).row(0, named=True)
        gradient = [step[f"g{i}"] + (RIDGE * weights[i] if i else 0.0) for i in range(size)]
        hessian = [
            [step[f"h{min(i, j)}_{max(i, j)}"] + (RIDGE if i == j and i else 0.0) for j in range(size)]
            for i in range(size)
        ]
        delta = _solve(hessian, gradient)
        weights = [w - d for w, d in zip(weights, delta, strict=True)]
        if max(abs(d) for d in delta) < 1e-8:
            break
    return weights


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """x with matrix @ x = vector, by Gaussian elimination with partial pivoting."""
    size = len(vector)
    rows = [row[:] + [value] for row, value in zip(matrix, vector, strict=True)]
    for column in range(size):
        pivot = max(range(column, size), key=lambda r: abs(rows[r][column]))
        rows[column], rows[pivot] = rows[pivot], rows[column]
        if math.isclose(rows[column][column], 0.0, abs_tol=1e-12):
            continue
        for r in range(size):
            if r != column:
                factor = rows[r][column] / rows[column][column]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[column], strict=True)]
    return [
        rows[i][size] / rows[i][i] if not math.isclose(rows[i][i], 0.0, abs_tol=1e-12) else 0.0 for i in range(size)
    ]
