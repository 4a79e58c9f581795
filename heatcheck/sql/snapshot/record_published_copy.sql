-- The copy just published: its layout and its id, in the same transaction as its row groups.
DELETE FROM snapshot_marks.published_copy;
INSERT INTO snapshot_marks.published_copy VALUES ($layout, $copy_id);
