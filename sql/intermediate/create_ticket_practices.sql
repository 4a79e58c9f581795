-- Which practices each ticket's agents used: anywhere in their public replies, and in the first one.
CREATE OR REPLACE TABLE intermediate.ticket_practices AS
WITH first_reply AS (
    SELECT ticket_id, arg_min(message_id, position) AS message_id
    FROM intermediate.conversation
    WHERE author_role = 'agent'
    GROUP BY ticket_id
)
SELECT
    c.ticket_id,
    l.label AS practice,
    bool_or(c.message_id = f.message_id) AS in_first_reply
FROM intermediate.conversation AS c
JOIN labels.message_labels AS l ON l.message_id = c.message_id AND l.kind = 'practice'
LEFT JOIN first_reply AS f USING (ticket_id)
GROUP BY ALL
