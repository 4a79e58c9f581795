-- Stable names for analysts in the main schema: one view per mart and label table.
CREATE OR REPLACE VIEW main.ticket_metrics AS SELECT * FROM marts.ticket_metrics;
CREATE OR REPLACE VIEW main.message_facts AS SELECT * FROM marts.message_facts;
CREATE OR REPLACE VIEW main.follow_up_gaps AS SELECT * FROM marts.follow_up_gaps;
CREATE OR REPLACE VIEW main.weekly_kpis AS SELECT * FROM marts.weekly_kpis;
CREATE OR REPLACE VIEW main.agent_weekly AS SELECT * FROM marts.agent_weekly;
CREATE OR REPLACE VIEW main.team_weekly AS SELECT * FROM marts.team_weekly;
CREATE OR REPLACE VIEW main.practice_outcomes AS SELECT * FROM marts.practice_outcomes;
CREATE OR REPLACE VIEW main.complaint_themes_weekly AS SELECT * FROM marts.complaint_themes_weekly;
CREATE OR REPLACE VIEW main.word_of_mouth_weekly AS SELECT * FROM marts.word_of_mouth_weekly;
CREATE OR REPLACE VIEW main.message_labels AS SELECT * FROM labels.message_labels;
CREATE OR REPLACE VIEW main.message_sentiment AS SELECT * FROM labels.message_sentiment;
CREATE OR REPLACE VIEW main.ticket_labels AS SELECT * FROM labels.ticket_labels;
