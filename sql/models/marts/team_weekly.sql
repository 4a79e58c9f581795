-- One row per week and team: outcomes, follow-up gaps and practice habits.
with weekly_by_owner as (
    select * from {{ ref('weekly_by_owner') }}
),

final as (
    select
        week_start,
        owner as team,
        columns(* exclude (week_start, owner_kind, owner))
    from weekly_by_owner
    where owner_kind = 'team'
    order by week_start, team
)

select * from final
