-- Per ticket: the first-update, update-gap and requester-wait targets of its priority, or the
-- default ones. The priority is the one at export time: the history of priorities is not staged.
with tickets as (
    select * from {{ ref('stg_tickets') }}
),

priority_targets as (
    select * from {{ ref('priority_targets') }}
),

default_targets as (
    select * from priority_targets
    where priority = 'default'
),

final as (
    select
        tickets.ticket_id,
        coalesce(priority_targets.first_update_minutes, default_targets.first_update_minutes)
            as first_update_target_minutes,
        coalesce(priority_targets.update_gap_minutes, default_targets.update_gap_minutes)
            as update_gap_target_minutes,
        coalesce(priority_targets.requester_wait_minutes, default_targets.requester_wait_minutes)
            as requester_wait_target_minutes
    from tickets
    left join priority_targets on lower(trim(tickets.priority)) = priority_targets.priority
    cross join default_targets
)

select * from final
