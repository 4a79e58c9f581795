-- When this snapshot was published, and which copy it is: the next run updates it in place only
-- when the live warehouse recorded the same copy (a run stopped between the two makes a new one).
CREATE TABLE IF NOT EXISTS snapshot.main.published (
    published_at TIMESTAMP NOT NULL,
    copy_id VARCHAR NOT NULL
);
COMMENT ON TABLE snapshot.main.published IS 'When the pipeline published this snapshot (UTC), and the id of the copy, which the next run checks before it updates the snapshot in place.';
DELETE FROM snapshot.main.published;
INSERT INTO snapshot.main.published VALUES ($published_at, $copy_id);
