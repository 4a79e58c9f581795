-- One row per week and team: outcomes, follow-up gaps and practice habits.
CREATE OR REPLACE TABLE marts.team_weekly AS
SELECT week_start, owner AS team, COLUMNS(* EXCLUDE (week_start, owner_kind, owner))
FROM intermediate.weekly_by_owner
WHERE owner_kind = 'team'
ORDER BY week_start, team
