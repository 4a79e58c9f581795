-- A newer export of a ticket replaces the older one; an older or identical one changes nothing.
MERGE INTO staging.tickets AS existing
USING incoming_tickets AS incoming
ON existing.ticket_id = incoming.ticket_id
WHEN MATCHED AND incoming.updated_at > existing.updated_at THEN UPDATE
WHEN NOT MATCHED THEN INSERT
