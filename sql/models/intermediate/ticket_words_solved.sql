-- Without a status history, a ticket the words say is resolved counts as solved at the
-- customer's last message (their "that fixed it"); an agent message after it is a check-back.
with conversation as (
    select * from {{ ref('conversation') }}
),

final as (
    select
        ticket_id,
        coalesce(max(created_at) filter (where author_role = 'customer'), max(created_at)) as solved_at
    from conversation
    group by ticket_id
)

select * from final
