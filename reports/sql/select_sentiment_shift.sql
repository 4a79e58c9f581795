-- The week's tickets counted by the customer's sentiment at the start and at the end.
SELECT
    start_label,
    end_label,
    count(*) AS tickets,
    count_if(complaint) AS complaints
FROM marts.ticket_metrics
WHERE week_start = $week_start
  AND start_label IS NOT NULL
  AND end_label IS NOT NULL
GROUP BY start_label, end_label
ORDER BY start_label, end_label
