"""Format readers: turn ticket export files into canonical frames. They know files, not Dagster."""
