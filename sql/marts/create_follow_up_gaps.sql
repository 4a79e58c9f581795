-- One row per follow-up gap found, with the minutes behind it: the coaching worklist.
CREATE OR REPLACE TABLE marts.follow_up_gaps AS
SELECT ticket_id, week_start, team, assignee_id, priority, gap, minutes, detail
FROM (
    SELECT ticket_id, week_start, team, assignee_id, priority,
           'slow_first_update' AS gap, slow_first_update_minutes AS minutes,
           'target ' || first_update_target_minutes || ' min' AS detail
    FROM marts.ticket_metrics WHERE slow_first_update
    UNION ALL
    SELECT ticket_id, week_start, team, assignee_id, priority,
           'update_gap', update_gap_minutes, 'longest wait after the first update'
    FROM marts.ticket_metrics WHERE update_gap
    UNION ALL
    SELECT ticket_id, week_start, team, assignee_id, priority,
           'broken_promise', broken_promise_minutes, broken_promise_phrase
    FROM marts.ticket_metrics WHERE broken_promise
    UNION ALL
    SELECT ticket_id, week_start, team, assignee_id, priority,
           'left_hanging', left_hanging_minutes, 'conversation ends on the customer'
    FROM marts.ticket_metrics WHERE left_hanging
    UNION ALL
    SELECT ticket_id, week_start, team, assignee_id, priority,
           'no_check_back', NULL, 'resolved complaint, no agent message after resolution'
    FROM marts.ticket_metrics WHERE no_check_back
)
