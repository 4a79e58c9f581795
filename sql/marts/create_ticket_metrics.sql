-- One row per ticket: every metric of SPEC section 5, the follow-up gap flags with the minutes
-- behind them, the ticket labels and the ticket's word-of-mouth reach.
CREATE OR REPLACE TABLE marts.ticket_metrics AS
WITH turns AS (
    SELECT
        t.ticket_id,
        count(*) AS customer_turns,
        sum(date_diff('second', t.turn_started_at, t.answered_at) / 60.0) AS reply_time_total_minutes,
        median(date_diff('second', t.turn_started_at, t.answered_at) / 60.0) AS reply_time_median_minutes,
        max(date_diff('second', t.turn_started_at, t.answered_at) / 60.0) AS reply_time_max_minutes,
        -- A closing thank-you that nobody answers is not a customer waiting.
        max(t.wait_minutes) FILTER (WHERE NOT (t.is_last_turn AND t.only_thanks)) AS longest_customer_wait_minutes,
        max(b.wait_business_minutes) FILTER (WHERE NOT (t.is_last_turn AND t.only_thanks))
            AS longest_customer_wait_business_minutes,
        bool_or(t.is_last_turn AND t.answered_at IS NULL AND NOT t.only_thanks) AS ends_unanswered,
        max(t.wait_minutes) FILTER (WHERE t.is_last_turn AND t.answered_at IS NULL AND NOT t.only_thanks)
            AS left_hanging_minutes,
        max(CASE WHEN $target_clock = 'business' THEN b.wait_business_minutes ELSE t.wait_minutes END) FILTER (
            WHERE t.is_last_turn AND t.answered_at IS NULL AND NOT t.only_thanks
        ) AS unanswered_target_minutes,
        -- Waits after the first update; the first wait is judged by slow_first_update.
        max(CASE WHEN $target_clock = 'business' THEN b.wait_business_minutes ELSE t.wait_minutes END) FILTER (
            WHERE t.turn_started_at >= c.first_update_at AND NOT (t.is_last_turn AND t.only_thanks)
        ) AS longest_update_wait_minutes
    FROM intermediate.customer_turns AS t
    LEFT JOIN intermediate.turn_business_minutes AS b USING (ticket_id, turn)
    LEFT JOIN intermediate.ticket_clock AS c USING (ticket_id)
    GROUP BY t.ticket_id
),
agents AS (
    SELECT
        ticket_id,
        count(*) AS public_agent_messages,
        greatest(count(DISTINCT author_id) - 1, 0) AS handoffs,
        max(created_at) AS last_agent_at
    FROM intermediate.conversation
    WHERE author_role = 'agent'
    GROUP BY ticket_id
),
-- Without a status history, a ticket the words say is resolved counts as solved at the
-- customer's last message (their "that fixed it"); an agent message after it is a check-back.
words_solved AS (
    SELECT ticket_id, coalesce(max(created_at) FILTER (WHERE author_role = 'customer'), max(created_at)) AS solved_at
    FROM intermediate.conversation
    GROUP BY ticket_id
),
promises AS (
    SELECT
        ticket_id,
        true AS broken_promise,
        max(minutes_past_deadline) AS broken_promise_minutes,
        arg_min(deadline_phrase, promised_at) AS broken_promise_phrase,
        min(deadline) AS promise_deadline
    FROM intermediate.promises
    WHERE broken
    GROUP BY ticket_id
),
targets AS (
    SELECT
        t.ticket_id,
        coalesce(p.first_update_minutes, d.first_update_minutes) AS first_update_target_minutes,
        coalesce(p.update_gap_minutes, d.update_gap_minutes) AS update_gap_target_minutes
    FROM staging.tickets AS t
    LEFT JOIN priority_targets AS p ON p.priority = lower(trim(t.priority))
    CROSS JOIN (SELECT * FROM priority_targets WHERE priority = 'default') AS d
),
base AS (
    SELECT
        t.ticket_id,
        t.source,
        t.channel,
        coalesce(t.priority, 'unknown') AS priority,
        t.team,
        t.assignee_id,
        t.requester_id,
        t.status,
        t.csat,
        t.created_at,
        date_trunc('week', t.created_at)::DATE AS week_start,
        c.agent_created,
        c.clock_start_at,
        c.first_update_at,
        date_diff('second', c.clock_start_at, c.first_update_at) / 60.0 AS time_to_first_update_minutes,
        CASE WHEN c.first_update_at IS NOT NULL THEN bc.clock_business_minutes END AS time_to_first_update_business_minutes,
        CASE WHEN $target_clock = 'business' THEN bc.clock_business_minutes
             ELSE date_diff('second', c.clock_start_at, coalesce(c.first_update_at, h.data_end)) / 60.0
        END AS first_update_clock_minutes,
        coalesce(tu.customer_turns, 0) AS customer_turns,
        tu.reply_time_total_minutes,
        tu.reply_time_median_minutes,
        tu.reply_time_max_minutes,
        tu.longest_customer_wait_minutes,
        tu.longest_customer_wait_business_minutes,
        tu.longest_update_wait_minutes,
        coalesce(tu.ends_unanswered, false) AS ends_unanswered,
        tu.left_hanging_minutes,
        tu.unanswered_target_minutes,
        coalesce(s.first_solved_at, CASE WHEN l.resolution = 'resolved' THEN ws.solved_at END) AS first_solved_at,
        coalesce(s.last_solved_at, CASE WHEN l.resolution = 'resolved' THEN ws.solved_at END) AS last_solved_at,
        coalesce(s.reopens, 0) AS reopens,
        coalesce(a.public_agent_messages, 0) AS public_agent_messages,
        coalesce(a.handoffs, 0) AS handoffs,
        a.last_agent_at,
        tg.first_update_target_minutes,
        tg.update_gap_target_minutes,
        coalesce(p.broken_promise, false) AS broken_promise,
        p.broken_promise_minutes,
        p.broken_promise_phrase,
        p.promise_deadline,
        l.resolution,
        l.root_cause,
        coalesce(l.complaint, false) AS complaint,
        l.start_sentiment,
        l.end_sentiment,
        l.start_label,
        l.end_label,
        coalesce(l.de_escalated, false) AS de_escalated,
        coalesce(l.worsened, false) AS worsened
    FROM staging.tickets AS t
    LEFT JOIN intermediate.ticket_clock AS c USING (ticket_id)
    LEFT JOIN intermediate.business_clock AS bc USING (ticket_id)
    LEFT JOIN turns AS tu USING (ticket_id)
    LEFT JOIN intermediate.status_history AS s USING (ticket_id)
    LEFT JOIN agents AS a USING (ticket_id)
    LEFT JOIN words_solved AS ws USING (ticket_id)
    LEFT JOIN promises AS p USING (ticket_id)
    LEFT JOIN targets AS tg USING (ticket_id)
    LEFT JOIN labels.ticket_labels AS l USING (ticket_id)
    CROSS JOIN intermediate.data_horizon AS h
)
SELECT
    ticket_id, source, channel, priority, team, assignee_id, requester_id, status, csat,
    created_at, week_start,
    status NOT IN ('solved', 'closed') AND coalesce(resolution, '') <> 'resolved' AS is_open,
    coalesce(agent_created, false) AS agent_created,
    clock_start_at,
    first_update_at,
    time_to_first_update_minutes,
    time_to_first_update_business_minutes,
    customer_turns,
    reply_time_total_minutes,
    reply_time_median_minutes,
    reply_time_max_minutes,
    longest_customer_wait_minutes,
    longest_customer_wait_business_minutes,
    first_solved_at,
    last_solved_at,
    date_diff('second', created_at, first_solved_at) / 60.0 AS minutes_to_first_resolution,
    date_diff('second', created_at, last_solved_at) / 60.0 AS minutes_to_last_resolution,
    reopens,
    public_agent_messages,
    resolution = 'resolved' AND public_agent_messages = 1 AS one_touch,
    resolution = 'resolved' AND public_agent_messages = 2 AS two_touch,
    handoffs,
    first_update_target_minutes,
    update_gap_target_minutes,
    coalesce(first_update_clock_minutes > first_update_target_minutes, false) AS slow_first_update,
    first_update_clock_minutes AS slow_first_update_minutes,
    coalesce(longest_update_wait_minutes > update_gap_target_minutes, false) AS update_gap,
    CASE WHEN longest_update_wait_minutes > update_gap_target_minutes THEN longest_update_wait_minutes END
        AS update_gap_minutes,
    broken_promise,
    broken_promise_minutes,
    broken_promise_phrase,
    promise_deadline,
    -- An open ticket whose customer wrote a moment ago is awaiting a reply, not left hanging:
    -- it counts once the conversation has ended or the wait has passed the update-gap target.
    ends_unanswered AND (NOT is_open OR unanswered_target_minutes > update_gap_target_minutes) AS left_hanging,
    CASE WHEN ends_unanswered AND (NOT is_open OR unanswered_target_minutes > update_gap_target_minutes)
         THEN left_hanging_minutes END AS left_hanging_minutes,
    complaint AND resolution = 'resolved' AND (last_agent_at IS NULL OR last_agent_at <= last_solved_at)
        AS no_check_back,
    resolution,
    root_cause,
    complaint,
    start_sentiment,
    end_sentiment,
    start_label,
    end_label,
    de_escalated,
    worsened,
    complaint AND CASE
        WHEN csat = 'bad' THEN true
        WHEN csat = 'good' THEN false
        ELSE coalesce(resolution, 'unknown') <> 'resolved' OR coalesce(end_label, '') = 'negative'
    END AS dissatisfied,
    CASE WHEN dissatisfied THEN $tell_share * $audience ELSE 0 END AS avoidable_reach
FROM base
