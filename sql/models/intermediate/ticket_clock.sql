-- When each ticket's clock starts and when the first public agent update came.
-- On an agent-created (outbound) ticket the clock starts at the customer's first message.
with tickets as (
    select * from {{ ref('stg_tickets') }}
),

conversation as (
    select * from {{ ref('conversation') }}
),

firsts as (
    select
        ticket_id,
        arg_min(author_role, position) as first_public_role,
        min(created_at) filter (where author_role = 'customer') as first_customer_at
    from conversation
    group by ticket_id
),

clock as (
    select
        tickets.ticket_id,
        firsts.first_customer_at,
        coalesce(firsts.first_public_role = 'agent', false) as agent_created,
        case when firsts.first_public_role = 'agent' then firsts.first_customer_at else tickets.created_at end
            as clock_start_at
    from tickets
    left join firsts on tickets.ticket_id = firsts.ticket_id
),

final as (
    select
        clock.ticket_id,
        clock.agent_created,
        clock.clock_start_at,
        clock.first_customer_at,
        min(conversation.created_at) as first_update_at
    from clock
    left join conversation
        on
            clock.ticket_id = conversation.ticket_id
            and conversation.author_role = 'agent'
            and clock.clock_start_at <= conversation.created_at
    group by clock.ticket_id, clock.agent_created, clock.clock_start_at, clock.first_customer_at
)

select * from final
