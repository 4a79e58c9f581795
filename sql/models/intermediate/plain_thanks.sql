-- Customer messages that only say thank you: no question, no other signal, not negative.
-- A conversation that ends on one of these is not a customer left hanging.
with messages as (
    select * from {{ ref('stg_messages') }}
),

message_labels as (
    select * from {{ ref('stg_message_labels') }}
),

message_sentiment as (
    select * from {{ ref('stg_message_sentiment') }}
),

thanks as (
    select distinct message_id
    from message_labels
    where label = {{ label_with_role('thanks') }}
),

other_signals as (
    select distinct message_id
    from message_labels
    where kind = 'signal' and label <> {{ label_with_role('thanks') }}
),

final as (
    select messages.message_id
    from messages
    inner join thanks on messages.message_id = thanks.message_id
    left join message_sentiment on messages.message_id = message_sentiment.message_id
    left join other_signals on messages.message_id = other_signals.message_id
    where
        messages.author_role = 'customer'
        and not contains(coalesce(messages.body_clean, ''), '?')
        and coalesce(message_sentiment.sentiment, 'neutral') <> 'negative'
        and other_signals.message_id is null
)

select * from final
