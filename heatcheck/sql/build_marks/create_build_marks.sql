-- What each step after dbt last finished from: the fingerprint of everything the marts are made of.
CREATE SCHEMA IF NOT EXISTS staging;
CREATE TABLE IF NOT EXISTS staging.build_marks (
    consumer VARCHAR PRIMARY KEY,
    fingerprint VARCHAR NOT NULL,
    recorded_at TIMESTAMP NOT NULL
);
COMMENT ON TABLE staging.build_marks IS 'The inputs fingerprint the weekly report and the analyst snapshot were last made from; a run whose inputs match both skips dbt and them.';
COMMENT ON COLUMN staging.build_marks.consumer IS 'The step that recorded it: weekly_report or analyst_snapshot.';
COMMENT ON COLUMN staging.build_marks.fingerprint IS 'sha256 of the source tables (rows and a sum of row hashes), the home''s settings files and the product''s code.';
COMMENT ON COLUMN staging.build_marks.recorded_at IS 'When the step finished (UTC).';
