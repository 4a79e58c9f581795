-- Weekly outcomes, gaps and practice habits per owner of a ticket: per agent (assignee), per team
-- and for everyone in one pass, so agent_weekly, team_weekly and the company-wide shares in
-- weekly_kpis are the same numbers cut three ways.
CREATE OR REPLACE TABLE intermediate.weekly_by_owner AS
WITH practice_use AS (
    SELECT
        ticket_id,
        bool_or(practice = 'acknowledge') AS acknowledge,
        bool_or(practice = 'apologize') AS apologize,
        bool_or(practice = 'empathize') AS empathize,
        bool_or(practice = 'positive_language') AS positive_language,
        bool_or(practice = 'negative_language') AS negative_language,
        bool_or(practice = 'blame') AS blame,
        bool_or(practice = 'doublespeak') AS doublespeak,
        bool_or(practice = 'solution_offered') AS solution_offered,
        bool_or(practice = 'open_question') AS open_question,
        bool_or(practice = 'expectation_set') AS expectation_set,
        bool_or(practice = 'escalation') AS escalation,
        bool_or(practice = 'follow_up_promise') AS follow_up_promise,
        bool_or(practice = 'redirect_channel') AS redirect_channel,
        bool_or(practice = 'closing_door_open') AS closing_door_open
    FROM intermediate.ticket_practices
    GROUP BY ticket_id
),
tickets AS (
    SELECT t.*, COLUMNS(p.* EXCLUDE (ticket_id))
    FROM marts.ticket_metrics AS t
    LEFT JOIN practice_use AS p USING (ticket_id)
)
SELECT
    week_start,
    CASE WHEN grouping(assignee_id) = 0 THEN 'agent' WHEN grouping(team) = 0 THEN 'team' ELSE 'everyone' END
        AS owner_kind,
    CASE WHEN grouping(assignee_id) = 0 THEN assignee_id WHEN grouping(team) = 0 THEN team END AS owner,
    count(*) AS tickets,
    count(*) FILTER (WHERE complaint) AS complaints,
    median(time_to_first_update_business_minutes) AS median_time_to_first_update_business_minutes,
    count(*) FILTER (WHERE slow_first_update) AS slow_first_updates,
    count(*) FILTER (WHERE update_gap) AS update_gaps,
    count(*) FILTER (WHERE broken_promise) AS broken_promises,
    count(*) FILTER (WHERE left_hanging) AS left_hanging,
    count(*) FILTER (WHERE no_check_back) AS no_check_back,
    count(*) FILTER (WHERE de_escalated) AS de_escalated,
    count(*) FILTER (WHERE worsened) AS worsened,
    count(*) FILTER (WHERE resolution = 'resolved') AS resolved,
    -- Shares are of the tickets an agent replied to, so unanswered tickets do not dilute them.
    avg(coalesce(acknowledge, false)::INTEGER) FILTER (WHERE public_agent_messages > 0) AS acknowledge_share,
    avg(coalesce(apologize, false)::INTEGER) FILTER (WHERE public_agent_messages > 0) AS apologize_share,
    avg(coalesce(empathize, false)::INTEGER) FILTER (WHERE public_agent_messages > 0) AS empathize_share,
    avg(coalesce(positive_language, false)::INTEGER) FILTER (WHERE public_agent_messages > 0) AS positive_language_share,
    avg(coalesce(negative_language, false)::INTEGER) FILTER (WHERE public_agent_messages > 0) AS negative_language_share,
    avg(coalesce(blame, false)::INTEGER) FILTER (WHERE public_agent_messages > 0) AS blame_share,
    avg(coalesce(doublespeak, false)::INTEGER) FILTER (WHERE public_agent_messages > 0) AS doublespeak_share,
    avg(coalesce(solution_offered, false)::INTEGER) FILTER (WHERE public_agent_messages > 0) AS solution_offered_share,
    avg(coalesce(open_question, false)::INTEGER) FILTER (WHERE public_agent_messages > 0) AS open_question_share,
    avg(coalesce(expectation_set, false)::INTEGER) FILTER (WHERE public_agent_messages > 0) AS expectation_set_share,
    avg(coalesce(escalation, false)::INTEGER) FILTER (WHERE public_agent_messages > 0) AS escalation_share,
    avg(coalesce(follow_up_promise, false)::INTEGER) FILTER (WHERE public_agent_messages > 0) AS follow_up_promise_share,
    avg(coalesce(redirect_channel, false)::INTEGER) FILTER (WHERE public_agent_messages > 0) AS redirect_channel_share,
    avg(coalesce(closing_door_open, false)::INTEGER) FILTER (WHERE public_agent_messages > 0) AS closing_door_open_share
FROM tickets
GROUP BY GROUPING SETS ((week_start, assignee_id), (week_start, team), (week_start))
