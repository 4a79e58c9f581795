-- For each practice, the share of the week's tickets (of every team) whose agent replies used
-- it: the teams' shares weighted by their tickets.
WITH shares AS (
    UNPIVOT (
        SELECT team, tickets, COLUMNS('_share$')
        FROM marts.team_weekly
        WHERE week_start = $week_start
    )
    ON COLUMNS('_share$')
    INTO NAME practice_column VALUE share
)

SELECT
    regexp_replace(practice_column, '_share$', '') AS practice,
    sum(share * tickets) / nullif(sum(tickets), 0) AS share
FROM shares
GROUP BY practice_column
ORDER BY practice
