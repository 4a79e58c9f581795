-- The snapshot now holds the changed groups: the marks say so (in one transaction on the live
-- warehouse, after the snapshot's rows are written), and forget tables no longer copied.
DELETE FROM snapshot_marks.row_groups
USING changed_row_groups
WHERE
    row_groups.table_name = changed_row_groups.table_name
    AND row_groups.group_key = changed_row_groups.group_key;
INSERT INTO snapshot_marks.row_groups
SELECT table_name, group_key, row_count, row_hash_sum
FROM changed_row_groups
WHERE NOT gone;
DELETE FROM snapshot_marks.row_groups
WHERE NOT list_contains($tables, table_name);
