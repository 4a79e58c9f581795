INSERT OR REPLACE INTO staging.build_marks (consumer, fingerprint, recorded_at)
VALUES ($consumer, $fingerprint, $recorded_at);
