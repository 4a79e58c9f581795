-- Messages that name a ticket no export of any batch has described (a tickets file not exported
-- yet, or an id that changed): they are kept, but leave the ticket's metrics out until it arrives.
SELECT count(*) AS messages, count(DISTINCT m.ticket_id) AS tickets, min(m.source_file) AS example_file
FROM staging.messages AS m
ANTI JOIN staging.tickets AS t ON t.ticket_id = m.ticket_id
