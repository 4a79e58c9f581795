SELECT m.message_id, m.ticket_id, m.author_role, m.is_public, m.created_at,
       coalesce(m.body_clean, '') AS body_clean, s.compound, s.sentiment
FROM staging.messages AS m
SEMI JOIN tickets_to_label USING (ticket_id)
LEFT JOIN labels.message_sentiment AS s USING (message_id)
ORDER BY m.ticket_id, m.created_at, m.message_id
