-- A table's rows and the sum of their hashes: an insert, a delete or an update changes one of them.
-- {table} is a schema-qualified name from dbt's own sources list (an identifier cannot be bound).
SELECT count(*) AS row_count, coalesce(sum(hash(t)::HUGEINT), 0)::VARCHAR AS row_hash_sum FROM {table} AS t;
