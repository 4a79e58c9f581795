{{ config(meta={'dagster': {'ref': {'name': 'weekly_kpis'}}}) }}
-- Offending rows: weeks whose totals differ from the ticket rows they summarise.
with weekly_kpis as (
    select * from {{ ref('weekly_kpis') }}
),

ticket_metrics as (
    select * from {{ ref('ticket_metrics') }}
),

ticket_weeks as (
    select
        week_start,
        count(*) as tickets,
        count(*) filter (where complaint) as complaints
    from ticket_metrics
    group by week_start
),

final as (
    select
        coalesce(weekly_kpis.week_start, ticket_weeks.week_start) as week_start,
        weekly_kpis.tickets as weekly_tickets,
        ticket_weeks.tickets as ticket_rows,
        weekly_kpis.complaints as weekly_complaints,
        ticket_weeks.complaints as complaint_rows
    from weekly_kpis
    full join ticket_weeks on weekly_kpis.week_start = ticket_weeks.week_start
    where
        weekly_kpis.tickets is distinct from ticket_weeks.tickets
        or weekly_kpis.complaints is distinct from ticket_weeks.complaints
)

select * from final
