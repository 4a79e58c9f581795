SELECT l.message_id, l.kind, l.label, l.phrase, l.rule
FROM labels.message_labels AS l
JOIN staging.messages AS m USING (message_id)
SEMI JOIN tickets_to_label ON tickets_to_label.ticket_id = m.ticket_id
