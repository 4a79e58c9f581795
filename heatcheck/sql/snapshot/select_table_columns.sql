-- Every column of every table of the database being copied, table by table in column order:
-- the snapshot copies each table's rows through one SELECT built from this list.
SELECT
    columns.table_schema,
    columns.table_name,
    columns.column_name,
    columns.data_type
FROM information_schema.columns AS columns
INNER JOIN information_schema.tables AS tables
    ON
        columns.table_catalog = tables.table_catalog
        AND columns.table_schema = tables.table_schema
        AND columns.table_name = tables.table_name
WHERE columns.table_catalog = $database AND tables.table_type = 'BASE TABLE'
ORDER BY columns.table_schema, columns.table_name, columns.ordinal_position;
