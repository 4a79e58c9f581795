-- Customer messages that only say thank you: no question, no other signal, not negative.
-- A conversation that ends on one of these is not a customer left hanging.
CREATE OR REPLACE TABLE intermediate.plain_thanks AS
SELECT m.message_id
FROM staging.messages AS m
JOIN labels.message_labels AS thanks
    ON thanks.message_id = m.message_id AND thanks.label = 'gratitude'
LEFT JOIN labels.message_sentiment AS s ON s.message_id = m.message_id
WHERE m.author_role = 'customer'
    AND NOT contains(coalesce(m.body_clean, ''), '?')
    AND coalesce(s.sentiment, 'neutral') <> 'negative'
    AND NOT EXISTS (
        SELECT 1 FROM labels.message_labels AS other
        WHERE other.message_id = m.message_id AND other.kind = 'signal' AND other.label <> 'gratitude'
    )
