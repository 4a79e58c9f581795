-- hashed_if_customer(id): a customer's id as the salted SHA-256 the snapshot stores, any other id
-- (an agent's, a team's) as it is. Deciding by value rather than by column keeps every
-- occurrence of an id the same, so joins still work: an agent who once opened a ticket for
-- themselves is hashed everywhere, not only as a requester. Temporary, like the redaction
-- macros; the salt is bound by the last statement.

CREATE OR REPLACE TEMP TABLE customer_ids AS
SELECT requester_id AS customer_id
FROM staging.tickets
WHERE requester_id IS NOT NULL
UNION
SELECT author_id AS customer_id
FROM staging.messages
WHERE author_role = 'customer' AND author_id IS NOT NULL;

CREATE OR REPLACE TEMP MACRO hashed_if_customer(id) AS CASE
    WHEN id IN (SELECT customer_id FROM customer_ids) THEN sha256(getvariable('customer_id_salt') || id)
    ELSE id
END;

SET VARIABLE customer_id_salt = $salt;
