-- Without a status history, a ticket resolved by the words of its last turns is solved at the
-- message whose words decided it: the agent's "I've fixed it" or the customer's "it works now".
-- The label keeps that message's role and phrase as evidence (`agent wrote "..." (rule)`); the
-- latest public message of that role holding the phrase is the one. A ticket resolved by its
-- status alone (no history, no telling words) counts as solved at the customer's last message,
-- for its resolution times only (ticket_solves leaves that guess out).
with ticket_labels as (
    select * from {{ ref('stg_ticket_labels') }}
),

conversation as (
    select * from {{ ref('conversation') }}
),

messages as (
    select * from {{ ref('stg_messages') }}
),

resolved as (
    select
        ticket_id,
        resolution_source,
        regexp_extract(resolution_evidence, '^(customer|agent) wrote "', 1) as decided_by,
        regexp_extract(resolution_evidence, '^(customer|agent) wrote "(.*)" \(', 2) as decided_phrase
    from ticket_labels
    where resolution = 'resolved' and resolution_source <> 'status_history'
),

deciding_message as (
    select
        resolved.ticket_id,
        max(conversation.created_at) as solved_at,
        arg_max(conversation.message_id, conversation.position) as message_id
    from resolved
    inner join conversation
        on
            resolved.ticket_id = conversation.ticket_id
            and resolved.decided_by = conversation.author_role
    inner join messages on conversation.message_id = messages.message_id
    where
        resolved.resolution_source = 'last_turns'
        and resolved.decided_phrase <> ''
        and contains(coalesce(messages.body_clean, ''), resolved.decided_phrase)
    group by resolved.ticket_id
),

last_customer_message as (
    select
        ticket_id,
        coalesce(max(created_at) filter (where author_role = 'customer'), max(created_at)) as solved_at
    from conversation
    group by ticket_id
),

final as (
    select
        resolved.ticket_id,
        coalesce(deciding_message.solved_at, last_customer_message.solved_at) as solved_at,
        deciding_message.message_id as deciding_message_id
    from resolved
    left join deciding_message on resolved.ticket_id = deciding_message.ticket_id
    left join last_customer_message on resolved.ticket_id = last_customer_message.ticket_id
    where coalesce(deciding_message.solved_at, last_customer_message.solved_at) is not null
)

select * from final
