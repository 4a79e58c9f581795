-- Every file the ingest stage has seen, newest first, with its row accounting.
SELECT file, format, status, rows_read, loaded, quarantined, ingested_at, error
FROM staging.ingest_log
ORDER BY ingested_at DESC, file
