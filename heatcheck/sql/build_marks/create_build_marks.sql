-- What each step after dbt last finished from: the fingerprint of everything the marts are made of;
-- and what the dbt build last ran with: the fingerprint of the settings and code alone.
CREATE SCHEMA IF NOT EXISTS staging;
CREATE TABLE IF NOT EXISTS staging.build_marks (
    consumer VARCHAR PRIMARY KEY,
    fingerprint VARCHAR NOT NULL,
    recorded_at TIMESTAMP NOT NULL
);
COMMENT ON TABLE staging.build_marks IS 'The inputs fingerprint the weekly report and the analyst snapshot were last made from (a run whose inputs match both skips dbt and them), and the settings and code the dbt models were last built by (when they differ, the incremental models are rebuilt whole).';
COMMENT ON COLUMN staging.build_marks.consumer IS 'The step that recorded it: weekly_report, analyst_snapshot or heatcheck_models.';
COMMENT ON COLUMN staging.build_marks.fingerprint IS 'sha256 of the source tables (rows and a sum of row hashes), the home''s settings files and the product''s code; for heatcheck_models, of the settings files and code only.';
COMMENT ON COLUMN staging.build_marks.recorded_at IS 'When the step finished (UTC).';
