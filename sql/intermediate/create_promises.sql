-- Each promise with its deadline and whether an agent wrote publicly by then. A deadline the
-- data has not reached yet cannot be broken yet.
CREATE OR REPLACE TABLE intermediate.promises AS
WITH next_update AS (
    SELECT
        p.ticket_id,
        p.message_id,
        p.created_at AS promised_at,
        p.deadline,
        p.deadline_phrase,
        min(v.created_at) AS next_agent_at
    FROM promise_deadlines AS p
    LEFT JOIN intermediate.conversation AS v
        ON v.ticket_id = p.ticket_id AND v.author_role = 'agent' AND v.created_at > p.created_at
    GROUP BY ALL
)
SELECT
    n.*,
    n.deadline < h.data_end AND (n.next_agent_at IS NULL OR n.next_agent_at > n.deadline) AS broken,
    date_diff('second', n.deadline, coalesce(n.next_agent_at, h.data_end)) / 60.0 AS minutes_past_deadline
FROM next_update AS n
CROSS JOIN intermediate.data_horizon AS h
