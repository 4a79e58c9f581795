-- What the snapshot holds once this publication's changes are recorded, as one checksum: the
-- marks that stay and the groups that are new or changed, in the tables still copied. The id of
-- a copy is made from it, so two runs that publish the same rows publish the same id.
WITH after AS (
    SELECT marks.table_name, marks.group_key, marks.row_count, marks.row_hash_sum
    FROM snapshot_marks.row_groups AS marks
    WHERE NOT EXISTS (
        SELECT 1
        FROM changed_row_groups AS changed
        WHERE changed.table_name = marks.table_name AND changed.group_key = marks.group_key
    )
    UNION ALL
    SELECT table_name, group_key, row_count, row_hash_sum
    FROM changed_row_groups
    WHERE NOT gone
)

SELECT
    count(*) AS row_groups,
    coalesce(sum(hash(table_name, group_key, row_count, row_hash_sum)::HUGEINT), 0)::VARCHAR AS checksum
FROM after
WHERE list_contains($tables, table_name);
