-- Public agent messages that promise to get back to the customer: promise_deadlines parses
-- their deadlines in Python.
with messages as (
    select * from {{ ref('stg_messages') }}
),

message_labels as (
    select * from {{ ref('stg_message_labels') }}
),

promised as (
    select distinct message_id
    from message_labels
    where label = {{ label_with_role('promise') }}
),

final as (
    select
        messages.ticket_id,
        messages.message_id,
        messages.created_at,
        coalesce(messages.body_clean, '') as body_clean
    from messages
    inner join promised on messages.message_id = promised.message_id
    where messages.is_public and messages.author_role = 'agent'
)

select * from final
