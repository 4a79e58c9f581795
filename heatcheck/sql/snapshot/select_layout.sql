-- The live database's layout as the snapshot copies it: every table's and view's columns with
-- their types and comments, and every view's definition. A snapshot is updated in place only
-- while this is what it was made from.
SELECT
    schema_name,
    table_name,
    column_index,
    column_name,
    data_type,
    coalesce(comment, '') AS comment
FROM duckdb_columns()
WHERE database_name = $database AND schema_name <> 'snapshot_marks'
UNION ALL
SELECT
    schema_name,
    view_name,
    -1,
    '',
    coalesce(sql, ''),
    coalesce(comment, '')
FROM duckdb_views()
WHERE database_name = $database AND NOT internal
UNION ALL
SELECT
    schema_name,
    table_name,
    -1,
    '',
    'table',
    coalesce(comment, '')
FROM duckdb_tables()
WHERE database_name = $database AND schema_name <> 'snapshot_marks'
ORDER BY ALL;
