-- The newest moment the data knows of. Open waits are measured up to it, not up to the wall clock,
-- so the same exports always give the same numbers.
CREATE OR REPLACE TABLE intermediate.data_horizon AS
SELECT greatest(
    (SELECT max(created_at) FROM staging.messages),
    (SELECT max(changed_at) FROM staging.status_changes),
    (SELECT max(updated_at) FROM staging.tickets)
) AS data_end
