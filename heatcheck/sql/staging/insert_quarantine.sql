INSERT INTO staging.quarantine BY NAME
SELECT
    source_file AS file,
    source_record AS record,
    reason,
    raw,
    file_checksum,
    $ingested_at AS quarantined_at
FROM incoming_quarantine
