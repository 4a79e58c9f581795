"""Labelers: sentiment, agent practices, customer signals and ticket labels. They know text, not Dagster."""
