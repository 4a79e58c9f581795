SELECT count(*) AS weeks FROM marts.weekly_kpis
