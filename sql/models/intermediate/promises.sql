-- Each promise with its deadline and whether an agent wrote publicly by then. A deadline the
-- data has not reached yet cannot be broken yet.
with promise_deadlines as (
    select * from {{ ref('promise_deadlines') }}
),

conversation as (
    select * from {{ ref('conversation') }}
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

final as (
    select
        next_update.*,
        next_update.deadline < data_horizon.data_end
        and (next_update.next_agent_at is null or next_update.next_agent_at > next_update.deadline) as broken,
        date_diff('second', next_update.deadline, coalesce(next_update.next_agent_at, data_horizon.data_end)) / 60.0
            as minutes_past_deadline
    from next_update
    cross join data_horizon
)

select * from final
