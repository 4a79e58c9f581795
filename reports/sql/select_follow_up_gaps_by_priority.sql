-- The week's follow-up gaps counted by kind of gap and ticket priority.
SELECT
    gap,
    priority,
    count(*) AS gaps
FROM marts.follow_up_gaps
WHERE week_start = $week_start
GROUP BY gap, priority
ORDER BY gap, priority
