"""Report builders: the weekly leadership report and coaching pages, drawn from the marts."""
