-- The week's complaint themes against the four weeks before, the fastest rising first.
SELECT
    theme,
    complaints,
    prior_weeks_average,
    change
FROM marts.complaint_themes_weekly
WHERE week_start = $week_start
ORDER BY change DESC, complaints DESC, theme
