DELETE FROM labels.ticket_labels WHERE ticket_id IN (SELECT ticket_id FROM tickets_to_label)
