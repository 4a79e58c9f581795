-- The live rows of the groups that are new or changed, through the redacting SELECT list.
-- {target} and {source} are quoted tables, {columns} the SELECT list built from the catalog.
INSERT INTO {target} BY NAME
SELECT {columns}
FROM {source}
WHERE coalesce(CAST({group} AS VARCHAR), '') IN (
    SELECT group_key FROM changed_row_groups WHERE table_name = $table_name AND NOT gone
);
