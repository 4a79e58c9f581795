-- One row per change of a ticket's priority, assignee or team, where the source keeps a history.
with source as (
    select * from {{ source('staging', 'field_changes') }}
),

final as (
    select
        ticket_id,
        field,
        value,
        changed_at
    from source
)

select * from final
