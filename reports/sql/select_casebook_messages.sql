-- The opening and closing public turns of each casebook ticket ($opening_turns and
-- $closing_turns of them), with how many turns the conversation had.
WITH conversation AS (
    SELECT
        ticket_id,
        created_at,
        author_role,
        body_clean,
        row_number() OVER (PARTITION BY ticket_id ORDER BY created_at, message_id) AS turn,
        count(*) OVER (PARTITION BY ticket_id) AS turns
    FROM marts.message_facts
    WHERE list_contains($ticket_ids, ticket_id)
      AND is_public
      AND author_role IN ('customer', 'agent')
)

SELECT
    ticket_id,
    turn,
    turns,
    author_role,
    created_at,
    body_clean
FROM conversation
WHERE turn <= $opening_turns
   OR turn > turns - $closing_turns
ORDER BY ticket_id, turn
