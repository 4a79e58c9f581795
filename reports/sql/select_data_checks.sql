-- What the exports left inconsistent (marts.data_checks), for the report's warning.
SELECT messages_without_ticket, tickets_not_exported, messages_before_ticket
FROM marts.data_checks
