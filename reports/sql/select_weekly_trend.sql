-- The week and the $weeks - 1 weeks before it: the KPIs beside the word-of-mouth estimate.
SELECT
    kpis.week_start,
    kpis.tickets,
    kpis.complaints,
    kpis.median_time_to_first_update_business_minutes,
    kpis.p90_time_to_first_update_business_minutes,
    kpis.slow_first_updates,
    kpis.update_gaps,
    kpis.broken_promises,
    kpis.left_hanging,
    kpis.de_escalated,
    kpis.worsened,
    kpis.complaints_with_two_customer_messages,
    kpis.first_reply_sla_breach_rate,
    kpis.next_reply_sla_breach_rate,
    kpis.requester_wait_sla_breach_rate,
    kpis.sla_running_tickets,
    kpis.median_requester_wait_business_minutes,
    kpis.median_agent_wait_business_minutes,
    word_of_mouth.dissatisfied,
    word_of_mouth.silent_dissatisfied,
    word_of_mouth.word_of_mouth_reach,
    word_of_mouth.complaint_to_wom_risk,
    word_of_mouth.avoidable_reach,
    word_of_mouth.complaint_rate,
    word_of_mouth.tell_share,
    word_of_mouth.audience
FROM marts.weekly_kpis AS kpis
LEFT JOIN marts.word_of_mouth_weekly AS word_of_mouth USING (week_start)
WHERE kpis.week_start <= $week_start
  AND kpis.week_start > $week_start::DATE - 7 * $weeks
ORDER BY kpis.week_start
