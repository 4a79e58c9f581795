-- One row per message: customer, agent, bot or system; public or internal note.
with source as (
    select * from {{ source('staging', 'messages') }}
),

final as (
    select
        message_id,
        ticket_id,
        author_id,
        author_role,
        is_public,
        created_at,
        body,
        body_clean
    from source
)

select * from final
