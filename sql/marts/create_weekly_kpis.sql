-- One row per ISO week (tickets belong to the week they were created in), with the company-wide
-- practice shares of the owner rollup beside the totals.
CREATE OR REPLACE TABLE marts.weekly_kpis AS
WITH totals AS (
SELECT
    week_start,
    count(*) AS tickets,
    count(*) FILTER (WHERE complaint) AS complaints,
    count(*) FILTER (WHERE complaint) / count(*) AS complaint_share,
    median(time_to_first_update_minutes) AS median_time_to_first_update_minutes,
    median(time_to_first_update_business_minutes) AS median_time_to_first_update_business_minutes,
    quantile_cont(time_to_first_update_business_minutes, 0.9) AS p90_time_to_first_update_business_minutes,
    count(*) FILTER (WHERE first_update_at IS NULL AND customer_turns > 0) AS unanswered_tickets,
    count(*) FILTER (WHERE slow_first_update) AS slow_first_updates,
    count(*) FILTER (WHERE update_gap) AS update_gaps,
    count(*) FILTER (WHERE broken_promise) AS broken_promises,
    count(*) FILTER (WHERE left_hanging) AS left_hanging,
    count(*) FILTER (WHERE no_check_back) AS no_check_back,
    count(*) FILTER (WHERE de_escalated) AS de_escalated,
    count(*) FILTER (WHERE worsened) AS worsened,
    count(*) FILTER (WHERE complaint AND customer_turns >= 2) AS complaints_with_two_customer_messages,
    count(*) FILTER (WHERE resolution = 'resolved') AS resolved,
    count(*) FILTER (WHERE reopens > 0) AS reopened_tickets,
    count(*) FILTER (WHERE csat = 'good') AS csat_good,
    count(*) FILTER (WHERE csat = 'bad') AS csat_bad,
    count(*) FILTER (WHERE is_open) AS open_tickets
FROM marts.ticket_metrics
GROUP BY week_start
)
SELECT totals.*, COLUMNS(lambda c: c LIKE '%_share' AND c <> 'complaint_share')
FROM totals
LEFT JOIN intermediate.weekly_by_owner AS everyone
    ON everyone.week_start = totals.week_start AND everyone.owner_kind = 'everyone'
ORDER BY totals.week_start
