-- Per ticket with a broken follow-up promise: the most overdue one (ties: the earlier promise),
-- with its phrase, deadline and minutes, all from that same promise.
with promises as (
    select * from {{ ref('promises') }}
),

final as (
    select
        ticket_id,
        true as broken_promise,
        minutes_past_deadline as broken_promise_minutes,
        deadline_phrase as broken_promise_phrase,
        deadline as promise_deadline
    from promises
    where broken
    qualify row_number() over (
        partition by ticket_id order by minutes_past_deadline desc, promised_at asc, message_id asc
    ) = 1
)

select * from final
