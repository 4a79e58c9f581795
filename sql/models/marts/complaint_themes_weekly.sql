-- Complaint themes per week against the four weeks before, so a rising theme stands out.
-- A theme is the root cause, with the cue word that matched when there is one.
with ticket_metrics as (
    select * from {{ ref('ticket_metrics') }}
),

ticket_labels as (
    select * from {{ ref('stg_ticket_labels') }}
),

themed as (
    select
        ticket_metrics.week_start,
        case
            when nullif(trim(ticket_labels.root_cause_evidence), '') is null then ticket_metrics.root_cause
            else ticket_metrics.root_cause || ': ' || lower(trim(ticket_labels.root_cause_evidence))
        end as theme
    from ticket_metrics
    left join ticket_labels on ticket_metrics.ticket_id = ticket_labels.ticket_id
    where ticket_metrics.complaint
),

weeks as (
    select distinct week_start from ticket_metrics
),

themes as (
    select distinct theme from themed
),

counts as (
    select
        weeks.week_start,
        themes.theme,
        count(themed.theme) as complaints
    from weeks
    cross join themes
    left join themed on weeks.week_start = themed.week_start and themes.theme = themed.theme
    group by weeks.week_start, themes.theme
),

compared as (
    select
        week_start,
        theme,
        complaints,
        coalesce(avg(complaints) over prior, 0) as prior_weeks_average
    from counts
    window prior as (partition by theme order by week_start rows between 4 preceding and 1 preceding)
),

final as (
    select
        week_start,
        theme,
        complaints,
        prior_weeks_average,
        complaints - prior_weeks_average as change
    from compared
    where complaints > 0 or prior_weeks_average > 0
    order by week_start asc, change desc
)

select * from final
