-- Every agent with tickets in the week (with the team most of those tickets belonged to).
SELECT *
FROM marts.agent_weekly
WHERE week_start = $week_start
  AND agent_id IS NOT NULL
ORDER BY agent_name, agent_id
