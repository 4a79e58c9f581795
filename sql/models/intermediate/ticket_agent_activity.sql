-- Per ticket: how many public agent messages, how many agents beyond the first, the last reply,
-- and the internal notes (private comments, which the customer never sees).
with conversation as (
    select * from {{ ref('conversation') }}
),

messages as (
    select * from {{ ref('stg_messages') }}
),

public_replies as (
    select
        ticket_id,
        count(*) as public_agent_messages,
        greatest(count(distinct author_id) - 1, 0) as handoffs,
        max(created_at) as last_agent_at
    from conversation
    where author_role = 'agent'
    group by ticket_id
),

internal_notes as (
    select
        ticket_id,
        count(*) as internal_notes
    from messages
    where not is_public
    group by ticket_id
),

final as (
    select
        coalesce(public_replies.ticket_id, internal_notes.ticket_id) as ticket_id,
        coalesce(public_replies.public_agent_messages, 0) as public_agent_messages,
        coalesce(public_replies.handoffs, 0) as handoffs,
        public_replies.last_agent_at,
        coalesce(internal_notes.internal_notes, 0) as internal_notes
    from public_replies
    full outer join internal_notes on public_replies.ticket_id = internal_notes.ticket_id
)

select * from final
