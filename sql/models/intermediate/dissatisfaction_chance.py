"""The chance each ticket's customer ends dissatisfied, fitted on the closed tickets (CSAT where
enough are rated, SPEC section 6's rule otherwise): heatcheck.metrics.dissatisfaction."""

from heatcheck.metrics.dissatisfaction import dissatisfaction_chances


def model(dbt, session):
    return dissatisfaction_chances(dbt.ref("dissatisfaction_features").pl())
