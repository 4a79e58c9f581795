-- The status history, where the source keeps one.
with source as (
    select * from {{ source('staging', 'status_changes') }}
),

final as (
    select
        ticket_id,
        status,
        changed_at
    from source
)

select * from final
