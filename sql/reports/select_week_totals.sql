-- Everyone's counts for the week, in the columns agent_weekly and team_weekly share.
SELECT
    tickets,
    complaints,
    median_time_to_first_update_business_minutes,
    slow_first_updates,
    update_gaps,
    broken_promises,
    left_hanging,
    no_check_back,
    de_escalated,
    worsened,
    resolved
FROM marts.weekly_kpis
WHERE week_start = $week_start
