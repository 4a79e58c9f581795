-- The public conversation: what the customer saw and said. Bots, system events and internal notes
-- never count as an agent's update (dbt_zendesk likewise leaves private comments and automations
-- out of reply times).
CREATE OR REPLACE TABLE intermediate.conversation AS
SELECT
    m.ticket_id,
    m.message_id,
    m.created_at,
    m.author_id,
    m.author_role,
    row_number() OVER (PARTITION BY m.ticket_id ORDER BY m.created_at, m.message_id) AS position
FROM staging.messages AS m
WHERE m.is_public AND m.author_role IN ('customer', 'agent')
