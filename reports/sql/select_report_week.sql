-- The week a report covers when none is asked for: the latest week the data has run past (its
-- newest message is after that week's Sunday), or the latest week when none is complete yet;
-- NULL when there is no week at all (the pipeline has not run).
WITH data_end AS (
    SELECT max(created_at) AS newest_message_at
    FROM marts.message_facts
)

SELECT coalesce(
    max(kpis.week_start) FILTER (WHERE kpis.week_start + INTERVAL 7 DAY <= data_end.newest_message_at),
    max(kpis.week_start)
) AS week_start
FROM marts.weekly_kpis AS kpis
CROSS JOIN data_end
