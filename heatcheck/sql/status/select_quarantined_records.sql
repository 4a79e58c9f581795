-- Each quarantined record: the file, where in it, and why (never its text, which may hold contact details).
SELECT file, record, reason
FROM staging.quarantine
ORDER BY file, try_cast(record AS BIGINT) NULLS LAST, record
