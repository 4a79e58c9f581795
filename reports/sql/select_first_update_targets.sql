-- The week's first-update target for each priority, and how many tickets missed it.
SELECT
    priority,
    first_update_target_minutes,
    count(*) AS tickets,
    count_if(slow_first_update) AS slow_first_updates
FROM marts.ticket_metrics
WHERE week_start = $week_start
  AND first_update_target_minutes IS NOT NULL
GROUP BY priority, first_update_target_minutes
ORDER BY first_update_target_minutes, priority
