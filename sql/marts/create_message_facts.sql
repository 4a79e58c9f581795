-- One row per message with its sentiment and one flag per practice and signal.
CREATE OR REPLACE TABLE marts.message_facts AS
WITH flags AS (
    SELECT
        message_id,
        bool_or(label = 'acknowledge') AS acknowledge,
        bool_or(label = 'apologize') AS apologize,
        bool_or(label = 'empathize') AS empathize,
        bool_or(label = 'positive_language') AS positive_language,
        bool_or(label = 'negative_language') AS negative_language,
        bool_or(label = 'blame') AS blame,
        bool_or(label = 'doublespeak') AS doublespeak,
        bool_or(label = 'solution_offered') AS solution_offered,
        bool_or(label = 'open_question') AS open_question,
        bool_or(label = 'expectation_set') AS expectation_set,
        bool_or(label = 'escalation') AS escalation,
        bool_or(label = 'follow_up_promise') AS follow_up_promise,
        bool_or(label = 'redirect_channel') AS redirect_channel,
        bool_or(label = 'closing_door_open') AS closing_door_open,
        bool_or(label = 'anger') AS anger,
        bool_or(label = 'sarcasm') AS sarcasm,
        bool_or(label = 'demand') AS demand,
        bool_or(label = 'confusion') AS confusion,
        bool_or(label = 'churn_threat') AS churn_threat,
        bool_or(label = 'escalation_request') AS escalation_request,
        bool_or(label = 'public_shaming') AS public_shaming,
        bool_or(label = 'abusive') AS abusive,
        bool_or(label = 'gratitude') AS gratitude
    FROM labels.message_labels
    GROUP BY message_id
)
SELECT
    m.message_id,
    m.ticket_id,
    m.created_at,
    date_trunc('week', t.created_at)::DATE AS week_start,
    m.author_id,
    m.author_role,
    m.is_public,
    m.body_clean,
    s.vader_compound,
    s.compound,
    s.sentiment,
    COLUMNS(f.* EXCLUDE (message_id))
FROM staging.messages AS m
LEFT JOIN staging.tickets AS t USING (ticket_id)
LEFT JOIN labels.message_sentiment AS s USING (message_id)
LEFT JOIN flags AS f USING (message_id)
