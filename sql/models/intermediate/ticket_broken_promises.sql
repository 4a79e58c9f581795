-- Per ticket with a broken follow-up promise: how late, the phrase that promised, the deadline.
with promises as (
    select * from {{ ref('promises') }}
),

final as (
    select
        ticket_id,
        true as broken_promise,
        max(minutes_past_deadline) as broken_promise_minutes,
        arg_min(deadline_phrase, promised_at) as broken_promise_phrase,
        min(deadline) as promise_deadline
    from promises
    where broken
    group by ticket_id
)

select * from final
