-- What the analyst snapshot holds, as fingerprints of row groups: per table, the rows of one
-- message (else ticket, else value of its first column) counted and their hashes summed.
-- The next snapshot rewrites only the groups whose fingerprint changed. Kept in the live
-- warehouse only (row hashes of unredacted text are not for analysts) and never copied.
CREATE SCHEMA IF NOT EXISTS snapshot_marks;
CREATE TABLE IF NOT EXISTS snapshot_marks.row_groups (
    table_name VARCHAR NOT NULL,
    group_key VARCHAR NOT NULL,
    row_count BIGINT NOT NULL,
    row_hash_sum HUGEINT NOT NULL
);
COMMENT ON TABLE snapshot_marks.row_groups IS 'What the analyst snapshot holds, per table and message (else ticket, else value of the first column): rows and a sum of row hashes. The next snapshot rewrites only the groups that differ. Never copied into the snapshot.';
-- This publication's changes, until they are recorded above.
CREATE OR REPLACE TEMP TABLE changed_row_groups (
    table_name VARCHAR,
    group_key VARCHAR,
    row_count BIGINT,
    row_hash_sum HUGEINT,
    gone BOOLEAN
);
-- Which copy the published snapshot is (the file says the same in main.published).
CREATE TABLE IF NOT EXISTS snapshot_marks.published_copy (
    layout VARCHAR NOT NULL,
    copy_id VARCHAR NOT NULL
);
