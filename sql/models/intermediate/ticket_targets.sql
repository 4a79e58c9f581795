-- Per ticket: the first-update, update-gap and requester-wait targets of the priority in force
-- when its first-update clock stopped (the first public agent reply, the solve, or the end of
-- the data for a ticket still waiting), from the priority history where the source keeps one
-- (Zendesk audits, Fivetran ticket_field_history), else the priority at export time; then the
-- default targets for a priority the settings do not list.
with tickets as (
    select * from {{ ref('stg_tickets') }}
),

field_changes as (
    select * from {{ ref('stg_field_changes') }}
),

clock_intervals as (
    select * from {{ ref('clock_intervals') }}
),

priority_targets as (
    select * from {{ ref('priority_targets') }}
),

default_targets as (
    select * from priority_targets
    where priority = 'default'
),

priority_in_force as (
    select
        clock_intervals.ticket_id,
        field_changes.value as priority
    from clock_intervals
    inner join field_changes
        on
            clock_intervals.ticket_id = field_changes.ticket_id
            and clock_intervals.clock_end_at >= field_changes.changed_at
    where field_changes.field = 'priority'
    qualify row_number() over (partition by clock_intervals.ticket_id order by field_changes.changed_at desc) = 1
),

judged as (
    select
        tickets.ticket_id,
        lower(trim(coalesce(priority_in_force.priority, tickets.priority))) as target_priority
    from tickets
    left join priority_in_force on tickets.ticket_id = priority_in_force.ticket_id
),

final as (
    select
        judged.ticket_id,
        judged.target_priority,
        coalesce(priority_targets.first_update_minutes, default_targets.first_update_minutes)
            as first_update_target_minutes,
        coalesce(priority_targets.update_gap_minutes, default_targets.update_gap_minutes)
            as update_gap_target_minutes,
        coalesce(priority_targets.requester_wait_minutes, default_targets.requester_wait_minutes)
            as requester_wait_target_minutes
    from judged
    left join priority_targets on judged.target_priority = priority_targets.priority
    cross join default_targets
)

select * from final
