-- Offending rows: more business minutes than calendar minutes for the same stretch.
with ticket_metrics as (
    select * from {{ ref('ticket_metrics') }}
),

final as (
    select
        ticket_id,
        time_to_first_update_minutes,
        time_to_first_update_business_minutes,
        longest_customer_wait_minutes,
        longest_customer_wait_business_minutes
    from ticket_metrics
    where
        time_to_first_update_business_minutes > time_to_first_update_minutes + 1e-6
        or longest_customer_wait_business_minutes > longest_customer_wait_minutes + 1e-6
)

select * from final
