-- Each run of consecutive customer messages is one turn; it waits from its first message until
-- the next public agent message or the ticket's solve, whichever comes first (SPEC: "while the
-- ticket was open"), or while neither came until the data ends.
with conversation as (
    select * from {{ ref('conversation') }}
),

plain_thanks as (
    select * from {{ ref('plain_thanks') }}
),

ticket_solves as (
    select * from {{ ref('ticket_solves') }}
),

words_solved as (
    select * from {{ ref('ticket_words_solved') }}
),

data_horizon as (
    select * from {{ ref('data_horizon') }}
),

marked as (
    select
        *,
        (
            author_role = 'customer'
            and coalesce(lag(author_role) over (partition by ticket_id order by position), '') <> 'customer'
        ) as starts_turn,
        min(case when author_role = 'agent' then created_at end) over (
            partition by ticket_id order by position rows between 1 following and unbounded following
        ) as next_agent_at
    from conversation
),

numbered as (
    select
        *,
        sum(starts_turn::integer) over (partition by ticket_id order by position) as turn
    from marked
),

turns as (
    select
        numbered.ticket_id,
        numbered.turn,
        min(numbered.created_at) as turn_started_at,
        max(numbered.created_at) as last_customer_at,
        arg_max(numbered.next_agent_at, numbered.position) as answered_at,
        bool_and(plain_thanks.message_id is not null) as only_thanks,
        -- The customer's own "it works now" closes the conversation; nobody owes them an answer.
        bool_or(words_solved.deciding_message_id is not null) as says_resolved
    from numbered
    left join plain_thanks on numbered.message_id = plain_thanks.message_id
    left join words_solved on numbered.message_id = words_solved.deciding_message_id
    where numbered.author_role = 'customer'
    group by numbered.ticket_id, numbered.turn
),

solved_after as (
    select
        turns.ticket_id,
        turns.turn,
        min(ticket_solves.solved_at) as solved_at
    from turns
    inner join ticket_solves
        on
            turns.ticket_id = ticket_solves.ticket_id
            and turns.last_customer_at <= ticket_solves.solved_at
    group by turns.ticket_id, turns.turn
),

final as (
    select
        turns.*,
        turns.turn = max(turns.turn) over (partition by turns.ticket_id) as is_last_turn,
        coalesce(least(turns.answered_at, solved_after.solved_at), data_horizon.data_end) as wait_ended_at,
        turns.answered_at is null and solved_after.solved_at is null as still_waiting,
        date_diff('second', turns.turn_started_at, wait_ended_at) / 60.0 as wait_minutes
    from turns
    left join solved_after on turns.ticket_id = solved_after.ticket_id and turns.turn = solved_after.turn
    cross join data_horizon
)

select * from final
