-- Everyone's row of the week: the counts agent_weekly and team_weekly share, and the practice
-- shares of every team's answered tickets.
SELECT *
FROM marts.weekly_kpis
WHERE week_start = $week_start
