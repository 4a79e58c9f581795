-- Which practices each ticket's agents used: anywhere in their public replies, and in the first one.
with conversation as (
    select * from {{ ref('conversation') }}
),

message_labels as (
    select * from {{ ref('stg_message_labels') }}
),

first_reply as (
    select
        ticket_id,
        arg_min(message_id, position) as message_id
    from conversation
    where author_role = 'agent'
    group by ticket_id
),

final as (
    select
        conversation.ticket_id,
        message_labels.label as practice,
        bool_or(conversation.message_id = first_reply.message_id) as in_first_reply
    from conversation
    inner join message_labels
        on conversation.message_id = message_labels.message_id and message_labels.kind = 'practice'
    left join first_reply on conversation.ticket_id = first_reply.ticket_id
    group by conversation.ticket_id, message_labels.label
)

select * from final
