-- When each ticket's clock starts and when the first public agent update came.
-- On an agent-created (outbound) ticket the clock starts at the customer's first message.
CREATE OR REPLACE TABLE intermediate.ticket_clock AS
WITH firsts AS (
    SELECT
        ticket_id,
        arg_min(author_role, position) AS first_public_role,
        min(created_at) FILTER (WHERE author_role = 'customer') AS first_customer_at
    FROM intermediate.conversation
    GROUP BY ticket_id
),
clock AS (
    SELECT
        t.ticket_id,
        coalesce(f.first_public_role = 'agent', false) AS agent_created,
        CASE WHEN f.first_public_role = 'agent' THEN f.first_customer_at ELSE t.created_at END AS clock_start_at
    FROM staging.tickets AS t
    LEFT JOIN firsts AS f USING (ticket_id)
)
SELECT
    c.ticket_id,
    c.agent_created,
    c.clock_start_at,
    min(v.created_at) AS first_update_at
FROM clock AS c
LEFT JOIN intermediate.conversation AS v
    ON v.ticket_id = c.ticket_id AND v.author_role = 'agent' AND v.created_at >= c.clock_start_at
GROUP BY ALL
