-- Resolution times and reopens from the status history, where the source keeps one.
CREATE OR REPLACE TABLE intermediate.status_history AS
WITH ordered AS (
    SELECT
        ticket_id,
        status,
        changed_at,
        lag(status) OVER (PARTITION BY ticket_id ORDER BY changed_at) AS previous_status
    FROM staging.status_changes
)
SELECT
    ticket_id,
    min(changed_at) FILTER (WHERE status IN ('solved', 'closed')) AS first_solved_at,
    max(changed_at) FILTER (WHERE status IN ('solved', 'closed')) AS last_solved_at,
    count(*) FILTER (
        WHERE previous_status IN ('solved', 'closed') AND status IN ('new', 'open', 'pending', 'hold')
    ) AS reopens
FROM ordered
GROUP BY ticket_id
