"""Heatcheck's stages: ingest, labels, metrics, reports, and the plain logic they call."""
