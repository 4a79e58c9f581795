-- Per ticket its first and last solve: from the status history where there is one, otherwise
-- from the words that resolved it; and its reopens.
with tickets as (
    select * from {{ ref('stg_tickets') }}
),

status_history as (
    select * from {{ ref('status_history') }}
),

words_solved as (
    select * from {{ ref('ticket_words_solved') }}
),

final as (
    select
        tickets.ticket_id,
        tickets.created_at,
        coalesce(status_history.first_solved_at, words_solved.solved_at) as first_solved_at,
        coalesce(status_history.last_solved_at, words_solved.solved_at) as last_solved_at,
        coalesce(status_history.reopens, 0) as reopens
    from tickets
    left join status_history on tickets.ticket_id = status_history.ticket_id
    left join words_solved on tickets.ticket_id = words_solved.ticket_id
)

select * from final
