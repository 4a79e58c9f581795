-- One row per ISO week (tickets belong to the week they were created in). The counts shared with
-- agent_weekly and team_weekly, and the company-wide practice shares, come from the owner rollup's
-- `everyone` rows, so a week and its teams are counted by one definition; only what the rollup
-- does not hold is aggregated here.
CREATE OR REPLACE TABLE marts.weekly_kpis AS
WITH week_only AS (
    SELECT
        week_start,
        median(time_to_first_update_minutes) AS median_time_to_first_update_minutes,
        quantile_cont(time_to_first_update_business_minutes, 0.9) AS p90_time_to_first_update_business_minutes,
        count(*) FILTER (WHERE first_update_at IS NULL AND customer_turns > 0) AS unanswered_tickets,
        count(*) FILTER (WHERE complaint AND customer_turns >= 2) AS complaints_with_two_customer_messages,
        count(*) FILTER (WHERE reopens > 0) AS reopened_tickets,
        count(*) FILTER (WHERE csat = 'good') AS csat_good,
        count(*) FILTER (WHERE csat = 'bad') AS csat_bad,
        count(*) FILTER (WHERE is_open) AS open_tickets
    FROM marts.ticket_metrics
    GROUP BY week_start
)
SELECT
    w.week_start,
    everyone.tickets,
    everyone.complaints,
    everyone.complaints / everyone.tickets AS complaint_share,
    w.median_time_to_first_update_minutes,
    everyone.median_time_to_first_update_business_minutes,
    w.p90_time_to_first_update_business_minutes,
    w.unanswered_tickets,
    everyone.slow_first_updates,
    everyone.update_gaps,
    everyone.broken_promises,
    everyone.left_hanging,
    everyone.no_check_back,
    everyone.de_escalated,
    everyone.worsened,
    w.complaints_with_two_customer_messages,
    everyone.resolved,
    w.reopened_tickets,
    w.csat_good,
    w.csat_bad,
    w.open_tickets,
    COLUMNS(lambda c: c LIKE '%_share')
FROM week_only AS w
JOIN intermediate.weekly_by_owner AS everyone
    ON everyone.week_start = w.week_start AND everyone.owner_kind = 'everyone'
ORDER BY w.week_start
