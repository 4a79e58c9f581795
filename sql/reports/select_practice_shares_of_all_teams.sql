-- For each practice, the share of the week's answered tickets (of every team) whose agent
-- replies used it, as weekly_kpis holds it.
WITH shares AS (
    UNPIVOT (
        SELECT COLUMNS('_share$')
        FROM marts.weekly_kpis
        WHERE week_start = $week_start
    )
    ON COLUMNS('_share$')
    INTO NAME practice_column VALUE share
)

SELECT regexp_replace(practice_column, '_share$', '') AS practice, share
FROM shares
ORDER BY practice
