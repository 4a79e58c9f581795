SELECT t.ticket_id, t.status, t.csat, t.created_at, t.channel
FROM staging.tickets AS t
SEMI JOIN tickets_to_label USING (ticket_id)
