SELECT c.ticket_id, c.status, c.changed_at
FROM staging.status_changes AS c
SEMI JOIN tickets_to_label USING (ticket_id)
ORDER BY c.ticket_id, c.changed_at
