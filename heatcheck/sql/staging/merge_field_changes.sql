-- A change seen again (a re-export of the same history) is kept once; a corrected value replaces it.
MERGE INTO staging.field_changes AS existing
USING incoming_field_changes AS incoming
ON
    existing.ticket_id = incoming.ticket_id
    AND existing.field = incoming.field
    AND existing.changed_at = incoming.changed_at
WHEN MATCHED AND incoming.value IS DISTINCT FROM existing.value THEN UPDATE
WHEN NOT MATCHED THEN INSERT
