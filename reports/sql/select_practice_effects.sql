-- One scope's adjusted practice effects, all weeks together, with the one-at-a-time shares beside
-- them: all teams ($scope 'all', $scope_id 'all'), a team, or an agent within their $team.
SELECT
    practice,
    outcome,
    complaints,
    complaints_with,
    effect,
    effect_low,
    effect_high,
    raw_rate_with,
    raw_rate_without,
    raw_difference,
    difference_from_team,
    difference_from_team_low,
    difference_from_team_high,
    enough_data,
    too_thin,
    model
FROM marts.practice_effects
WHERE scope = $scope
  AND scope_id = $scope_id
  AND team IS NOT DISTINCT FROM $team
  AND used_in = $used_in
ORDER BY outcome, practice
