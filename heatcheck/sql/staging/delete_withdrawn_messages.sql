-- Messages of a large file staged with an earlier part whose record went to quarantine with the
-- file's tickets (an implausible ticket time): a record is loaded or quarantined, never both.
DELETE FROM staging.messages AS m
USING withdrawn_records AS w
WHERE m.source_file = w.source_file AND m.source_record = w.source_record
