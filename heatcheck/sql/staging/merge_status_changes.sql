-- A status change is a fact: the same (ticket, status, time) from two exports is one change.
MERGE INTO staging.status_changes AS existing
USING incoming_status_changes AS incoming
ON existing.ticket_id = incoming.ticket_id
    AND existing.status = incoming.status
    AND existing.changed_at = incoming.changed_at
WHEN NOT MATCHED THEN INSERT
