-- Ticket labels: resolution, root cause, complaint and the customer's mood at start and end.
with source as (
    select * from {{ source('labels', 'ticket_labels') }}
),

final as (
    select
        ticket_id,
        resolution,
        resolution_source,
        resolution_evidence,
        root_cause,
        root_cause_evidence,
        complaint,
        complaint_evidence,
        start_sentiment,
        end_sentiment,
        start_label,
        end_label,
        de_escalated,
        worsened
    from source
)

select * from final
