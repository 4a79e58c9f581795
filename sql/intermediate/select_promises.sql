-- Public agent messages that promise to get back to the customer: their deadlines are parsed in Python.
SELECT DISTINCT m.ticket_id, m.message_id, m.created_at, coalesce(m.body_clean, '') AS body_clean
FROM staging.messages AS m
JOIN labels.message_labels AS l
    ON l.message_id = m.message_id AND l.label = 'follow_up_promise'
WHERE m.is_public AND m.author_role = 'agent'
