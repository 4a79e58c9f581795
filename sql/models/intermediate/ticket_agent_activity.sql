-- Per ticket: how many public agent messages, how many agents beyond the first, the last reply.
with conversation as (
    select * from {{ ref('conversation') }}
),

final as (
    select
        ticket_id,
        count(*) as public_agent_messages,
        greatest(count(distinct author_id) - 1, 0) as handoffs,
        max(created_at) as last_agent_at
    from conversation
    where author_role = 'agent'
    group by ticket_id
)

select * from final
