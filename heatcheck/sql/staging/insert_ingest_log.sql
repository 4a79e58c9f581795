INSERT INTO staging.ingest_log BY NAME
SELECT *, $ingested_at AS ingested_at
FROM incoming_ingest_log
