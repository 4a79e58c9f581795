-- Sentiment of every message: plain VADER beside the product's score.
with source as (
    select * from {{ source('labels', 'message_sentiment') }}
),

final as (
    select
        message_id,
        vader_neg,
        vader_neu,
        vader_pos,
        vader_compound,
        compound,
        sentiment,
        evidence
    from source
)

select * from final
