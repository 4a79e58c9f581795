-- Offending rows: an effect without its interval, or one outside it; a row with no effect that
-- does not say why, or one with an effect that says it is too thin.
with practice_effects as (
    select * from {{ ref('practice_effects') }}
),

final as (
    select
        scope,
        scope_id,
        used_in,
        outcome,
        practice,
        effect,
        effect_low,
        effect_high,
        too_thin
    from practice_effects
    where
        enough_data <> (effect is not null)
        or enough_data = (too_thin is not null)
        or (enough_data and not (effect_low <= effect and effect <= effect_high))
)

select * from final
