-- Practices and signals found in messages, with the phrase and the rule that decided each.
with source as (
    select * from {{ source('labels', 'message_labels') }}
),

final as (
    select
        message_id,
        kind,
        label,
        phrase,
        rule
    from source
)

select * from final
