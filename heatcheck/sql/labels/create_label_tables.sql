-- What the labelers read in the text. Sentiment is kept per distinct text (scored once however
-- often a text recurs: bot replies, macros); everything records the playbook version it used.
CREATE SCHEMA IF NOT EXISTS labels;

CREATE TABLE IF NOT EXISTS labels.text_sentiment (
    text_hash VARCHAR NOT NULL,
    playbook_version VARCHAR NOT NULL,
    vader_neg DOUBLE,
    vader_neu DOUBLE,
    vader_pos DOUBLE,
    vader_compound DOUBLE,
    compound DOUBLE,
    sentiment VARCHAR,
    evidence VARCHAR[]
);
COMMENT ON TABLE labels.text_sentiment IS 'Sentiment of each distinct message text (md5 of body_clean), scored once per playbook version.';
COMMENT ON COLUMN labels.text_sentiment.text_hash IS 'md5 of the message body_clean: messages with the same text share one score.';
COMMENT ON COLUMN labels.text_sentiment.playbook_version IS 'Playbook the score was made with; a new playbook rescores everything.';
COMMENT ON COLUMN labels.text_sentiment.vader_neg IS 'Plain VADER negative proportion, exactly as vaderSentiment computes it.';
COMMENT ON COLUMN labels.text_sentiment.vader_neu IS 'Plain VADER neutral proportion, exactly as vaderSentiment computes it.';
COMMENT ON COLUMN labels.text_sentiment.vader_pos IS 'Plain VADER positive proportion, exactly as vaderSentiment computes it.';
COMMENT ON COLUMN labels.text_sentiment.vader_compound IS 'Plain VADER compound (-1..1); its label cuts at +-0.05.';
COMMENT ON COLUMN labels.text_sentiment.compound IS 'Product score (-1..1): VADER with the playbook overlay and support-text rules.';
COMMENT ON COLUMN labels.text_sentiment.sentiment IS 'Product label: negative at <= -0.05, positive at >= 0.30, neutral between (courtesy lifts support text).';
COMMENT ON COLUMN labels.text_sentiment.evidence IS 'What moved the product score away from plain VADER (lexicon words, rules and their phrases); empty when they agree.';

CREATE TABLE IF NOT EXISTS labels.labelled_messages (
    message_id VARCHAR NOT NULL,
    text_hash VARCHAR NOT NULL,
    playbook_version VARCHAR NOT NULL
);
COMMENT ON TABLE labels.labelled_messages IS 'Messages the practice and signal labeler has read, with the text and playbook it read them with.';
COMMENT ON COLUMN labels.labelled_messages.message_id IS 'The message.';
COMMENT ON COLUMN labels.labelled_messages.text_hash IS 'md5 of the body_clean it was read with; an edited message is read again.';
COMMENT ON COLUMN labels.labelled_messages.playbook_version IS 'Playbook it was read with; a new playbook reads everything again.';

CREATE TABLE IF NOT EXISTS labels.message_labels (
    message_id VARCHAR NOT NULL,
    kind VARCHAR,
    label VARCHAR,
    phrase VARCHAR,
    rule VARCHAR
);
COMMENT ON TABLE labels.message_labels IS 'One row per agent practice or customer signal found in a message, with its evidence.';
COMMENT ON COLUMN labels.message_labels.message_id IS 'The message.';
COMMENT ON COLUMN labels.message_labels.kind IS 'practice (public agent messages) or signal (customer messages).';
COMMENT ON COLUMN labels.message_labels.label IS 'The practice or signal (SPEC section 4).';
COMMENT ON COLUMN labels.message_labels.phrase IS 'Evidence: the words that matched, as written.';
COMMENT ON COLUMN labels.message_labels.rule IS 'Evidence: the playbook rule that matched.';

CREATE TABLE IF NOT EXISTS labels.label_vocabulary (
    label VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    position INTEGER NOT NULL,
    role VARCHAR,
    description VARCHAR
);
COMMENT ON TABLE labels.label_vocabulary IS 'The practices and signals of the playbook the labels were found with, in playbook order; the marts have one column per label.';
COMMENT ON COLUMN labels.label_vocabulary.label IS 'The label name, as in message_labels.label and the marts'' columns.';
COMMENT ON COLUMN labels.label_vocabulary.kind IS 'practice (agent messages) or signal (customer messages).';
COMMENT ON COLUMN labels.label_vocabulary.position IS 'Order in the playbook, which is the order of the marts'' columns.';
COMMENT ON COLUMN labels.label_vocabulary.role IS 'The job the metrics give the label: thanks (a plain thank-you) or promise (a follow-up promise); NULL for the others.';
COMMENT ON COLUMN labels.label_vocabulary.description IS 'What the label means, from the playbook.';

CREATE TABLE IF NOT EXISTS labels.ticket_labels (
    ticket_id VARCHAR NOT NULL,
    resolution VARCHAR,
    resolution_source VARCHAR,
    resolution_evidence VARCHAR,
    root_cause VARCHAR,
    root_cause_evidence VARCHAR,
    complaint BOOLEAN,
    complaint_evidence VARCHAR,
    start_sentiment DOUBLE,
    end_sentiment DOUBLE,
    start_label VARCHAR,
    end_label VARCHAR,
    de_escalated BOOLEAN,
    worsened BOOLEAN,
    fingerprint VARCHAR,
    playbook_version VARCHAR
);
COMMENT ON TABLE labels.ticket_labels IS 'One row per ticket: resolution, root cause, complaint and the customer''s mood at start and end, each with evidence.';
COMMENT ON COLUMN labels.ticket_labels.ticket_id IS 'The ticket.';
COMMENT ON COLUMN labels.ticket_labels.resolution IS 'resolved, unresolved, redirected, abandoned or unknown.';
COMMENT ON COLUMN labels.ticket_labels.resolution_source IS 'status_history, last_turns or ticket_status: what decided the resolution.';
COMMENT ON COLUMN labels.ticket_labels.resolution_evidence IS 'The status change or words that decided it.';
COMMENT ON COLUMN labels.ticket_labels.root_cause IS 'service_failure, product_knowledge_gap, expectation_mismatch, other or none (not a complaint).';
COMMENT ON COLUMN labels.ticket_labels.root_cause_evidence IS 'The root-cause cue that matched.';
COMMENT ON COLUMN labels.ticket_labels.complaint IS 'The customer opened negative or with anger, sarcasm, demand, churn threat, escalation request, public shaming or abuse.';
COMMENT ON COLUMN labels.ticket_labels.complaint_evidence IS 'Why the ticket counts as a complaint.';
COMMENT ON COLUMN labels.ticket_labels.start_sentiment IS 'Product sentiment (compound, -1..1) of the customer''s opening message(s).';
COMMENT ON COLUMN labels.ticket_labels.end_sentiment IS 'Product sentiment of the customer''s last message.';
COMMENT ON COLUMN labels.ticket_labels.start_label IS 'positive, neutral or negative at the start.';
COMMENT ON COLUMN labels.ticket_labels.end_label IS 'positive, neutral or negative at the end.';
COMMENT ON COLUMN labels.ticket_labels.de_escalated IS 'Opened negative and ended not negative (customer wrote at least twice).';
COMMENT ON COLUMN labels.ticket_labels.worsened IS 'Ended clearly lower than it started (end - start <= -0.3).';
COMMENT ON COLUMN labels.ticket_labels.fingerprint IS 'Digest of the ticket''s inputs when labelled; a change relabels the ticket.';
COMMENT ON COLUMN labels.ticket_labels.playbook_version IS 'Playbook the labels were made with; a new playbook relabels everything.';

CREATE OR REPLACE VIEW labels.message_sentiment AS
SELECT
    m.message_id,
    s.vader_neg,
    s.vader_neu,
    s.vader_pos,
    s.vader_compound,
    s.compound,
    s.sentiment,
    s.evidence
FROM staging.messages AS m
-- Through the hash the labeler recorded, not one computed from the text here: the analyst
-- snapshot redacts body_clean, and a hash of the redacted text would find no score.
JOIN labels.labelled_messages AS l ON l.message_id = m.message_id
JOIN labels.text_sentiment AS s ON s.text_hash = l.text_hash;
COMMENT ON VIEW labels.message_sentiment IS 'Sentiment of every message: plain VADER scores beside the product score, with evidence.';
COMMENT ON COLUMN labels.message_sentiment.message_id IS 'The message.';
COMMENT ON COLUMN labels.message_sentiment.vader_neg IS 'Plain VADER negative proportion, exactly as vaderSentiment computes it.';
COMMENT ON COLUMN labels.message_sentiment.vader_neu IS 'Plain VADER neutral proportion, exactly as vaderSentiment computes it.';
COMMENT ON COLUMN labels.message_sentiment.vader_pos IS 'Plain VADER positive proportion, exactly as vaderSentiment computes it.';
COMMENT ON COLUMN labels.message_sentiment.vader_compound IS 'Plain VADER compound (-1..1); its label cuts at +-0.05.';
COMMENT ON COLUMN labels.message_sentiment.compound IS 'Product score (-1..1): VADER with the playbook overlay and support-text rules.';
COMMENT ON COLUMN labels.message_sentiment.sentiment IS 'Product label: negative at <= -0.05, positive at >= 0.30, neutral between (courtesy lifts support text).';
COMMENT ON COLUMN labels.message_sentiment.evidence IS 'What moved the product score away from plain VADER (lexicon words, rules and their phrases); empty when they agree.';
