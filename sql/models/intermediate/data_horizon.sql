-- The newest moment the data knows of. Open waits are measured up to it, not up to the wall
-- clock, so the same exports always give the same numbers.
with messages as (
    select * from {{ ref('stg_messages') }}
),

status_changes as (
    select * from {{ ref('stg_status_changes') }}
),

tickets as (
    select * from {{ ref('stg_tickets') }}
),

final as (
    select
        greatest(
            (select max(created_at) from messages),
            (select max(changed_at) from status_changes),
            (select max(updated_at) from tickets)
        ) as data_end
)

select * from final
