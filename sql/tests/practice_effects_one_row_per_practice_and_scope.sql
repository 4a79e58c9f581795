-- Offending rows: a scope, used_in, outcome and practice with more than one row.
with practice_effects as (
    select * from {{ ref('practice_effects') }}
),

final as (
    select
        scope,
        scope_id,
        team,
        used_in,
        outcome,
        practice,
        count(*) as rows_found
    from practice_effects
    group by scope, scope_id, team, used_in, outcome, practice
    having count(*) > 1
)

select * from final
