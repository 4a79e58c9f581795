-- A message seen again is updated only when its content changed, so re-exports do not churn lineage.
MERGE INTO staging.messages AS existing
USING incoming_messages AS incoming
ON existing.message_id = incoming.message_id
WHEN MATCHED AND (
    incoming.body IS DISTINCT FROM existing.body
    OR incoming.ticket_id IS DISTINCT FROM existing.ticket_id
    OR incoming.author_role IS DISTINCT FROM existing.author_role
    OR incoming.is_public IS DISTINCT FROM existing.is_public
    OR incoming.created_at IS DISTINCT FROM existing.created_at
) THEN UPDATE
WHEN NOT MATCHED THEN INSERT
