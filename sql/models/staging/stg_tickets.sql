-- One row per ticket, the newest export of it.
with source as (
    select * from {{ source('staging', 'tickets') }}
),

final as (
    select
        ticket_id,
        source,
        created_at,
        updated_at,
        status,
        priority,
        channel,
        subject,
        requester_id,
        assignee_id,
        team,
        tags,
        csat
    from source
)

select * from final
