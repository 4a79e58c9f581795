-- Each practice's outcomes in the week and over all weeks together (all_weeks = TRUE).
SELECT
    week_start IS NULL AS all_weeks,
    practice,
    complaints_with,
    complaints_without,
    de_escalation_rate_with,
    de_escalation_low_with,
    de_escalation_high_with,
    de_escalation_rate_without,
    de_escalation_low_without,
    de_escalation_high_without,
    resolution_rate_with,
    resolution_low_with,
    resolution_high_with,
    resolution_rate_without,
    resolution_low_without,
    resolution_high_without
FROM marts.practice_outcomes
WHERE week_start = $week_start
   OR week_start IS NULL
ORDER BY all_weeks, practice
