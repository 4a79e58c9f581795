-- Each run of consecutive customer messages is one turn; it waits from its first message until the
-- next public agent message, or while unanswered until the ticket is solved or the data ends.
CREATE OR REPLACE TABLE intermediate.customer_turns AS
WITH marked AS (
    SELECT
        c.*,
        c.author_role = 'customer'
            AND lag(c.author_role) OVER by_position IS DISTINCT FROM 'customer' AS starts_turn,
        min(CASE WHEN c.author_role = 'agent' THEN c.created_at END) OVER (
            PARTITION BY c.ticket_id ORDER BY c.position ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING
        ) AS next_agent_at
    FROM intermediate.conversation AS c
    WINDOW by_position AS (PARTITION BY c.ticket_id ORDER BY c.position)
),
numbered AS (
    SELECT *, sum(starts_turn::INTEGER) OVER (PARTITION BY ticket_id ORDER BY position) AS turn
    FROM marked
),
turns AS (
    SELECT
        n.ticket_id,
        n.turn,
        min(n.created_at) AS turn_started_at,
        max(n.created_at) AS last_customer_at,
        arg_max(n.next_agent_at, n.position) AS answered_at,
        bool_and(p.message_id IS NOT NULL) AS only_thanks
    FROM numbered AS n
    LEFT JOIN intermediate.plain_thanks AS p USING (message_id)
    WHERE n.author_role = 'customer'
    GROUP BY n.ticket_id, n.turn
),
solved_after AS (
    SELECT t.ticket_id, t.turn, min(s.changed_at) AS solved_at
    FROM turns AS t
    JOIN staging.status_changes AS s
        ON s.ticket_id = t.ticket_id AND s.status IN ('solved', 'closed') AND s.changed_at >= t.last_customer_at
    GROUP BY t.ticket_id, t.turn
)
SELECT
    t.*,
    t.turn = max(t.turn) OVER (PARTITION BY t.ticket_id) AS is_last_turn,
    coalesce(t.answered_at, s.solved_at, h.data_end) AS wait_ended_at,
    date_diff('second', t.turn_started_at, wait_ended_at) / 60.0 AS wait_minutes
FROM turns AS t
LEFT JOIN solved_after AS s USING (ticket_id, turn)
CROSS JOIN intermediate.data_horizon AS h
