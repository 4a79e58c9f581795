-- Every team with tickets in the week.
SELECT *
FROM marts.team_weekly
WHERE week_start = $week_start
  AND team IS NOT NULL
ORDER BY team
