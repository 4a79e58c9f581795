"""Dagster wiring for Heatcheck: the one Definitions, resources, jobs and the command line."""
