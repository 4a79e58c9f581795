-- The newest week-defining time there is: the latest ticket creation, or the latest message of a
-- ticket no export has described. NULL on an empty warehouse.
SELECT max(coalesce(t.created_at, m.created_at))
FROM staging.messages AS m
FULL JOIN staging.tickets AS t USING (ticket_id)
