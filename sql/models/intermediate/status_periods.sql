-- Each stretch a ticket spent in one status, from its status history: from the change to the
-- next one, the current status to the data's end (dbt_zendesk: to now). Time in status adds
-- these up.
with status_changes as (
    select * from {{ ref('stg_status_changes') }}
),

data_horizon as (
    select * from {{ ref('data_horizon') }}
),

final as (
    select
        status_changes.ticket_id,
        status_changes.status,
        status_changes.changed_at as started_at,
        lead(status_changes.changed_at) over (
            partition by status_changes.ticket_id order by status_changes.changed_at, status_changes.status
        ) as next_changed_at,
        next_changed_at is null as is_current,
        coalesce(next_changed_at, data_horizon.data_end) as ended_at,
        date_diff('second', started_at, ended_at) / 60.0 as minutes
    from status_changes
    cross join data_horizon
    where status_changes.changed_at is not null
)

select * from final
