-- SPEC section 6, per week. r, s and a are estimates from the settings, kept beside the numbers.
with ticket_metrics as (
    select * from {{ ref('ticket_metrics') }}
),

metric_parameters as (
    select * from {{ ref('metric_parameters') }}
),

weekly as (
    select
        week_start,
        count(*) filter (where complaint) as complaints,
        count(*) filter (where dissatisfied) as dissatisfied
    from ticket_metrics
    group by week_start
),

estimated as (
    select
        weekly.*,
        weekly.complaints * (1 / metric_parameters.complaint_rate - 1) as silent_dissatisfied,
        metric_parameters.complaint_rate,
        metric_parameters.tell_share,
        metric_parameters.audience
    from weekly
    cross join metric_parameters
),

final as (
    select
        week_start,
        complaints,
        dissatisfied,
        silent_dissatisfied,
        (dissatisfied + silent_dissatisfied) * tell_share * audience as word_of_mouth_reach,
        (dissatisfied + silent_dissatisfied) * tell_share * audience / nullif(complaints, 0) as complaint_to_wom_risk,
        dissatisfied * tell_share * audience as avoidable_reach,
        complaint_rate,
        tell_share,
        audience
    from estimated
    order by week_start
)

select * from final
