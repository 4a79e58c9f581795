-- The snapshot's rows of the groups that changed, removed before they are written again.
-- {target} is the snapshot's quoted table and {group} the quoted column its rows are grouped by.
DELETE FROM {target}
WHERE coalesce(CAST({group} AS VARCHAR), '') IN (
    SELECT group_key FROM changed_row_groups WHERE table_name = $table_name
);
