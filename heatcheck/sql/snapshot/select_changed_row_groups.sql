-- The row groups of one table whose fingerprint differs from what the snapshot was last made
-- from: new groups, changed ones, and gone ones (in the marks, no longer in the table).
-- {table} is a quoted schema-qualified name and {group} the quoted column its rows are grouped by (identifiers
-- from the catalog cannot be bound); $table_name is the name the marks keep.
INSERT INTO changed_row_groups
WITH current_groups AS (
    SELECT
        coalesce(CAST({group} AS VARCHAR), '') AS group_key,
        count(*) AS row_count,
        coalesce(sum(hash(t)::HUGEINT), 0) AS row_hash_sum
    FROM {table} AS t
    GROUP BY ALL
),

marked AS (
    SELECT group_key, row_count, row_hash_sum
    FROM snapshot_marks.row_groups
    WHERE table_name = $table_name
)

SELECT
    $table_name AS table_name,
    group_key,
    current_groups.row_count,
    current_groups.row_hash_sum,
    current_groups.row_count IS NULL AS gone
FROM current_groups
FULL JOIN marked USING (group_key)
WHERE
    current_groups.row_count IS DISTINCT FROM marked.row_count
    OR current_groups.row_hash_sum IS DISTINCT FROM marked.row_hash_sum;
