-- The layout and id of the copy the warehouse last published.
SELECT layout, copy_id FROM snapshot_marks.published_copy;
