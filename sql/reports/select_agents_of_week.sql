-- Every agent with tickets in the week, with the team most of those tickets belonged to.
WITH main_team AS (
    SELECT
        assignee_id AS agent_id,
        mode(team ORDER BY team) AS team
    FROM marts.ticket_metrics
    WHERE week_start = $week_start
      AND assignee_id IS NOT NULL
    GROUP BY assignee_id
)

SELECT
    agents.*,
    main_team.team
FROM marts.agent_weekly AS agents
LEFT JOIN main_team USING (agent_id)
WHERE agents.week_start = $week_start
  AND agents.agent_id IS NOT NULL
ORDER BY agents.agent_id
