-- Each promise with its deadline and whether it was kept: by a public agent message, or by the
-- ticket being solved, by then ("never mind, it went through", then solved, is no broken
-- promise). A deadline the data has not reached yet cannot be broken yet.
with promise_deadlines as (
    select * from {{ ref('promise_deadlines') }}
),

conversation as (
    select * from {{ ref('conversation') }}
),

ticket_solves as (
    select * from {{ ref('ticket_solves') }}
),

data_horizon as (
    select * from {{ ref('data_horizon') }}
),

next_update as (
    select
        promise_deadlines.ticket_id,
        promise_deadlines.message_id,
        promise_deadlines.created_at as promised_at,
        promise_deadlines.deadline,
        promise_deadlines.deadline_phrase,
        min(conversation.created_at) as next_agent_at
    from promise_deadlines
    left join conversation
        on
            promise_deadlines.ticket_id = conversation.ticket_id
            and conversation.author_role = 'agent'
            and promise_deadlines.created_at < conversation.created_at
    group by all
),

next_solve as (
    select
        next_update.message_id,
        min(ticket_solves.solved_at) as solved_at
    from next_update
    inner join ticket_solves
        on
            next_update.ticket_id = ticket_solves.ticket_id
            and next_update.promised_at < ticket_solves.solved_at
    group by next_update.message_id
),

kept_by as (
    select
        next_update.*,
        next_solve.solved_at as next_solved_at,
        least(next_update.next_agent_at, next_solve.solved_at) as kept_at
    from next_update
    left join next_solve on next_update.message_id = next_solve.message_id
),

final as (
    select
        kept_by.ticket_id,
        kept_by.message_id,
        kept_by.promised_at,
        kept_by.deadline,
        kept_by.deadline_phrase,
        kept_by.next_agent_at,
        kept_by.next_solved_at,
        kept_by.deadline < data_horizon.data_end
        and (kept_by.kept_at is null or kept_by.kept_at > kept_by.deadline) as broken,
        date_diff('second', kept_by.deadline, coalesce(kept_by.kept_at, data_horizon.data_end)) / 60.0
            as minutes_past_deadline
    from kept_by
    cross join data_horizon
)

select * from final
