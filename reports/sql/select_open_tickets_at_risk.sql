-- Open tickets created in the four weeks up to the report week (older ones are a backlog to
-- clean, not a fire to fight), the most word of mouth they could still avoid first, then the
-- longest waits.
SELECT
    ticket_id,
    created_at,
    priority,
    team,
    assignee_id,
    assignee_name,
    status,
    complaint,
    longest_customer_wait_minutes,
    slow_first_update,
    update_gap,
    broken_promise,
    left_hanging,
    avoidable_reach
FROM marts.ticket_metrics
WHERE is_open
  AND week_start <= $week_start
  AND week_start > $week_start - INTERVAL 4 WEEK
ORDER BY avoidable_reach DESC NULLS LAST, longest_customer_wait_minutes DESC NULLS LAST, ticket_id
LIMIT $limit
