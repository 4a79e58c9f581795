"""Metric logic that SQL cannot express plainly: business time and promise deadlines."""
