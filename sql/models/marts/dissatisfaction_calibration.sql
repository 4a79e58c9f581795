-- How well the estimated chance of a dissatisfied customer matches what happened on the closed
-- tickets it was fitted on: per tenth of the chance, the tickets, the mean chance and the share
-- that did end dissatisfied. A calibrated estimate has the two close in every band.
with dissatisfaction_chance as (
    select * from {{ ref('dissatisfaction_chance') }}
),

banded as (
    select
        trained_on,
        least(floor(dissatisfaction_chance * 10), 9) / 10 as chance_from,
        dissatisfaction_chance,
        observed_dissatisfied
    from dissatisfaction_chance
    where trained_on is not null
),

final as (
    select
        trained_on,
        chance_from,
        chance_from + 0.1 as chance_to,
        count(*) as tickets,
        avg(dissatisfaction_chance) as mean_chance,
        avg(observed_dissatisfied::integer) as observed_rate
    from banded
    group by trained_on, chance_from
    order by chance_from
)

select * from final
