-- Offending rows: weeks whose totals differ from the ticket rows they summarise.
SELECT coalesce(k.week_start, t.week_start) AS week_start, k.tickets AS weekly_tickets, t.tickets AS ticket_rows,
       k.complaints AS weekly_complaints, t.complaints AS complaint_rows
FROM marts.weekly_kpis AS k
FULL JOIN (
    SELECT week_start, count(*) AS tickets, count(*) FILTER (WHERE complaint) AS complaints
    FROM marts.ticket_metrics
    GROUP BY week_start
) AS t USING (week_start)
WHERE k.tickets IS DISTINCT FROM t.tickets OR k.complaints IS DISTINCT FROM t.complaints
