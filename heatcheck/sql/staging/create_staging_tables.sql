-- The landing tables of SPEC section 3, the ingest log and the quarantine. Timestamps are UTC.
CREATE SCHEMA IF NOT EXISTS staging;

CREATE TABLE IF NOT EXISTS staging.tickets (
    ticket_id VARCHAR NOT NULL,
    source VARCHAR,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    status VARCHAR,
    priority VARCHAR,
    channel VARCHAR,
    subject VARCHAR,
    requester_id VARCHAR,
    assignee_id VARCHAR,
    team VARCHAR,
    tags VARCHAR[],
    csat VARCHAR,
    source_file VARCHAR,
    source_record VARCHAR
);
COMMENT ON TABLE staging.tickets IS 'One row per ticket, the newest export of it (largest updated_at wins).';
COMMENT ON COLUMN staging.tickets.ticket_id IS 'Ticket id, qualified by source where the source''s ids are not unique (twcs:, zendesk:).';
COMMENT ON COLUMN staging.tickets.source IS 'Where the ticket came from: twcs, zendesk, demo, or the source named in a canonical or mapped export.';
COMMENT ON COLUMN staging.tickets.created_at IS 'When the ticket was created, UTC.';
COMMENT ON COLUMN staging.tickets.updated_at IS 'When the ticket was last updated in its export, UTC; the newest export of a ticket replaces older ones.';
COMMENT ON COLUMN staging.tickets.status IS 'new, open, pending, hold, solved, closed, or unknown when the source has no status (Twitter).';
COMMENT ON COLUMN staging.tickets.priority IS 'Priority as the source names it, lower case (low, normal, high, urgent in Zendesk).';
COMMENT ON COLUMN staging.tickets.channel IS 'Channel the ticket arrived by (email, web, chat, twitter...).';
COMMENT ON COLUMN staging.tickets.subject IS 'Ticket subject as written.';
COMMENT ON COLUMN staging.tickets.requester_id IS 'The customer who asked for help.';
COMMENT ON COLUMN staging.tickets.assignee_id IS 'The agent assigned at the time of the export.';
COMMENT ON COLUMN staging.tickets.team IS 'Team or group handling the ticket; for Twitter, the company account.';
COMMENT ON COLUMN staging.tickets.tags IS 'Tags from the source.';
COMMENT ON COLUMN staging.tickets.csat IS 'Customer satisfaction when present: good, bad, or a score.';
COMMENT ON COLUMN staging.tickets.source_file IS 'The export file this version of the ticket came from.';
COMMENT ON COLUMN staging.tickets.source_record IS 'Record in that file (CSV: row number counting the header as 1; JSON: path or position).';

CREATE TABLE IF NOT EXISTS staging.messages (
    message_id VARCHAR NOT NULL,
    ticket_id VARCHAR NOT NULL,
    author_id VARCHAR,
    author_role VARCHAR,
    is_public BOOLEAN NOT NULL,  -- readers fill a missing flag as public; SQL and Python then agree
    created_at TIMESTAMP,
    body VARCHAR,
    body_clean VARCHAR,
    source_file VARCHAR,
    source_record VARCHAR
);
COMMENT ON TABLE staging.messages IS 'One row per message of a ticket: customer, agent, bot or system; public or internal note.';
COMMENT ON COLUMN staging.messages.message_id IS 'Message id, qualified by source like ticket_id.';
COMMENT ON COLUMN staging.messages.ticket_id IS 'The ticket the message belongs to.';
COMMENT ON COLUMN staging.messages.author_id IS 'Who wrote it (customer id, agent id, or company account on Twitter).';
COMMENT ON COLUMN staging.messages.author_role IS 'customer, agent, bot (auto-replies, triggers) or system.';
COMMENT ON COLUMN staging.messages.is_public IS 'False for internal notes the customer never saw.';
COMMENT ON COLUMN staging.messages.created_at IS 'When the message was sent, UTC.';
COMMENT ON COLUMN staging.messages.body IS 'Text as received.';
COMMENT ON COLUMN staging.messages.body_clean IS 'Text with mojibake repaired (ftfy) and quoted history and signatures cut; what labels read.';
COMMENT ON COLUMN staging.messages.source_file IS 'The export file the message came from.';
COMMENT ON COLUMN staging.messages.source_record IS 'Record in that file.';

CREATE TABLE IF NOT EXISTS staging.status_changes (
    ticket_id VARCHAR NOT NULL,
    status VARCHAR,
    changed_at TIMESTAMP,
    source_file VARCHAR,
    source_record VARCHAR
);
COMMENT ON TABLE staging.status_changes IS 'Status history of tickets whose source keeps one (Zendesk audits, Fivetran ticket_field_history, canonical).';
COMMENT ON COLUMN staging.status_changes.ticket_id IS 'The ticket.';
COMMENT ON COLUMN staging.status_changes.status IS 'The status it moved to.';
COMMENT ON COLUMN staging.status_changes.changed_at IS 'When, UTC.';
COMMENT ON COLUMN staging.status_changes.source_file IS 'The export file the change came from.';
COMMENT ON COLUMN staging.status_changes.source_record IS 'Record in that file.';

CREATE TABLE IF NOT EXISTS staging.ingest_log (
    file VARCHAR NOT NULL,
    checksum VARCHAR,
    size_bytes BIGINT,
    modified_at DOUBLE,
    format VARCHAR,
    rows_read BIGINT,
    loaded BIGINT,
    quarantined BIGINT,
    status VARCHAR,
    error VARCHAR,
    ingested_at TIMESTAMP
);
COMMENT ON TABLE staging.ingest_log IS 'One row per export file ingested; rows_read = loaded + quarantined for every loaded file.';
COMMENT ON COLUMN staging.ingest_log.file IS 'Absolute path of the file.';
COMMENT ON COLUMN staging.ingest_log.checksum IS 'SHA-256 of the file; a file with a logged checksum is never loaded twice.';
COMMENT ON COLUMN staging.ingest_log.size_bytes IS 'File size when ingested.';
COMMENT ON COLUMN staging.ingest_log.modified_at IS 'File modification time (Unix seconds) when ingested; with the size it spares re-hashing known files.';
COMMENT ON COLUMN staging.ingest_log.format IS 'Detected format: canonical, mapped, zendesk_api, zendesk_fivetran or twcs.';
COMMENT ON COLUMN staging.ingest_log.rows_read IS 'Records found in the file.';
COMMENT ON COLUMN staging.ingest_log.loaded IS 'Records that became tickets, messages or status changes (or served as lookups, such as Zendesk users).';
COMMENT ON COLUMN staging.ingest_log.quarantined IS 'Records put in the quarantine, each with its reason.';
COMMENT ON COLUMN staging.ingest_log.status IS 'loaded, or failed when the file could not be read at all (see error).';
COMMENT ON COLUMN staging.ingest_log.error IS 'Why a failed file could not be read.';
COMMENT ON COLUMN staging.ingest_log.ingested_at IS 'When the file was ingested, UTC.';

CREATE TABLE IF NOT EXISTS staging.quarantine (
    file VARCHAR NOT NULL,
    record VARCHAR,
    reason VARCHAR,
    raw VARCHAR,
    file_checksum VARCHAR,
    quarantined_at TIMESTAMP
);
COMMENT ON TABLE staging.quarantine IS 'Every record that was not loaded, with the reason: nothing is silently dropped.';
COMMENT ON COLUMN staging.quarantine.file IS 'The export file.';
COMMENT ON COLUMN staging.quarantine.record IS 'Record in that file (CSV: row number counting the header as 1; JSON Lines: line; JSON: path).';
COMMENT ON COLUMN staging.quarantine.reason IS 'Why the record was rejected, in plain words.';
COMMENT ON COLUMN staging.quarantine.raw IS 'The rejected record as JSON, so it can be fixed and re-sent.';
COMMENT ON COLUMN staging.quarantine.file_checksum IS 'SHA-256 of the file, to join with ingest_log.';
COMMENT ON COLUMN staging.quarantine.quarantined_at IS 'When, UTC.';

-- Stable names for analysts: queries against these survive internal refactoring.
CREATE OR REPLACE VIEW main.tickets AS SELECT * FROM staging.tickets;
CREATE OR REPLACE VIEW main.messages AS SELECT * FROM staging.messages;
CREATE OR REPLACE VIEW main.status_changes AS SELECT * FROM staging.status_changes;
CREATE OR REPLACE VIEW main.ingest_log AS SELECT * FROM staging.ingest_log;
CREATE OR REPLACE VIEW main.quarantine AS SELECT * FROM staging.quarantine;

CREATE TABLE IF NOT EXISTS staging.agents (
    agent_id VARCHAR NOT NULL,
    name VARCHAR,
    email VARCHAR,
    team VARCHAR,
    source_file VARCHAR
);
COMMENT ON TABLE staging.agents IS 'Who the agent ids are, from the exports that name them (Zendesk users and Fivetran user tables with role agent or admin, a canonical agents file).';
COMMENT ON COLUMN staging.agents.agent_id IS 'The id as author_id and assignee_id spell it.';
COMMENT ON COLUMN staging.agents.name IS 'The name the help desk shows.';
COMMENT ON COLUMN staging.agents.email IS 'Work e-mail, lower case: one person answering under two ids is merged by it.';
COMMENT ON COLUMN staging.agents.team IS 'Team the export gives, if any (otherwise the marts use the team of most of their tickets).';
COMMENT ON COLUMN staging.agents.source_file IS 'The export file that named them last.';

CREATE TABLE IF NOT EXISTS staging.field_changes (
    ticket_id VARCHAR NOT NULL,
    field VARCHAR NOT NULL,
    value VARCHAR,
    changed_at TIMESTAMP NOT NULL,
    source_file VARCHAR
);
COMMENT ON TABLE staging.field_changes IS 'How tickets'' priority, assignee and team changed (Zendesk audits, Fivetran ticket_field_history).';
COMMENT ON COLUMN staging.field_changes.ticket_id IS 'The ticket.';
COMMENT ON COLUMN staging.field_changes.field IS 'priority, assignee (an agent id) or team (a group name).';
COMMENT ON COLUMN staging.field_changes.value IS 'The value it took; NULL when it was cleared (an unassigned ticket).';
COMMENT ON COLUMN staging.field_changes.changed_at IS 'When, UTC.';
COMMENT ON COLUMN staging.field_changes.source_file IS 'The export file the change came from.';
