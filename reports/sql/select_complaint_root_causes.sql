-- Complaints by root cause in the week and the $weeks - 1 weeks before it.
SELECT
    week_start,
    coalesce(root_cause, 'none') AS root_cause,
    count(*) AS complaints
FROM marts.ticket_metrics
WHERE complaint
  AND week_start <= $week_start
  AND week_start > $week_start::DATE - 7 * $weeks
GROUP BY ALL
ORDER BY week_start, root_cause
