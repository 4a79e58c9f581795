-- One row per week and agent (assignee): outcomes, follow-up gaps and practice habits.
CREATE OR REPLACE TABLE marts.agent_weekly AS
WITH agent_team AS (
    -- An agent's team that week: the team of most of their tickets (ties: first by name).
    SELECT week_start, assignee_id AS agent_id, team
    FROM marts.ticket_metrics
    GROUP BY week_start, assignee_id, team
    QUALIFY row_number() OVER (PARTITION BY week_start, assignee_id ORDER BY count(*) DESC, team) = 1
)
SELECT o.week_start, o.owner AS agent_id, t.team, COLUMNS(o.* EXCLUDE (week_start, owner_kind, owner))
FROM intermediate.weekly_by_owner AS o
LEFT JOIN agent_team AS t ON t.week_start = o.week_start AND t.agent_id IS NOT DISTINCT FROM o.owner
WHERE o.owner_kind = 'agent'
ORDER BY o.week_start, agent_id
