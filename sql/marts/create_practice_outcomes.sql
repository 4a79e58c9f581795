-- For each practice: de-escalation and resolution of complaints whose first agent reply used it,
-- against those whose first reply did not, with counts and 95% Wilson intervals, so nobody reads
-- a lift off ten tickets. One row per week and practice, and week_start NULL for all weeks.
CREATE OR REPLACE TABLE marts.practice_outcomes AS
WITH practices AS (
    SELECT unnest([
        'acknowledge', 'apologize', 'empathize', 'positive_language', 'negative_language', 'blame',
        'doublespeak', 'solution_offered', 'open_question', 'expectation_set', 'escalation',
        'follow_up_promise', 'redirect_channel', 'closing_door_open'
    ]) AS practice
),
answered_complaints AS (
    SELECT ticket_id, week_start, de_escalated, resolution = 'resolved' AS resolved,
           customer_turns >= 2 AS can_de_escalate
    FROM marts.ticket_metrics
    WHERE complaint AND public_agent_messages > 0
),
paired AS (
    SELECT c.*, p.practice, coalesce(u.in_first_reply, false) AS used
    FROM answered_complaints AS c
    CROSS JOIN practices AS p
    LEFT JOIN intermediate.ticket_practices AS u ON u.ticket_id = c.ticket_id AND u.practice = p.practice
),
counted AS (
    SELECT
        week_start,
        practice,
        count(*) FILTER (WHERE used) AS complaints_with,
        count(*) FILTER (WHERE NOT used) AS complaints_without,
        count(*) FILTER (WHERE used AND can_de_escalate) AS de_base_with,
        count(*) FILTER (WHERE NOT used AND can_de_escalate) AS de_base_without,
        count(*) FILTER (WHERE used AND can_de_escalate AND de_escalated) AS de_with,
        count(*) FILTER (WHERE NOT used AND can_de_escalate AND de_escalated) AS de_without,
        count(*) FILTER (WHERE used AND resolved) AS resolved_with,
        count(*) FILTER (WHERE NOT used AND resolved) AS resolved_without
    FROM paired
    GROUP BY GROUPING SETS ((week_start, practice), (practice))
)
SELECT
    week_start,
    practice,
    complaints_with,
    complaints_without,
    de_with / nullif(de_base_with, 0) AS de_escalation_rate_with,
    de_without / nullif(de_base_without, 0) AS de_escalation_rate_without,
    marts.wilson_low(de_with, de_base_with) AS de_escalation_low_with,
    marts.wilson_high(de_with, de_base_with) AS de_escalation_high_with,
    marts.wilson_low(de_without, de_base_without) AS de_escalation_low_without,
    marts.wilson_high(de_without, de_base_without) AS de_escalation_high_without,
    resolved_with / nullif(complaints_with, 0) AS resolution_rate_with,
    resolved_without / nullif(complaints_without, 0) AS resolution_rate_without,
    marts.wilson_low(resolved_with, complaints_with) AS resolution_low_with,
    marts.wilson_high(resolved_with, complaints_with) AS resolution_high_with,
    marts.wilson_low(resolved_without, complaints_without) AS resolution_low_without,
    marts.wilson_high(resolved_without, complaints_without) AS resolution_high_without
FROM counted
ORDER BY week_start NULLS FIRST, practice
