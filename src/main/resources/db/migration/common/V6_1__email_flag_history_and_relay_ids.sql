-- Inbound gaps (issue 12): the email flag's history read from the audit log; the relay's own id of a sent message.

-- The lead page reads a lead's email-flag history (flagged, cleared, by whom) from the audit log.
create index ix_audit_log_entity on audit_log (entity_type, entity_id, created_at);

-- The email service provider's own id of a sent message, from its SMTP relay's reply (SendGrid's
-- "250 Ok: queued as <id>", the prefix of sg_message_id in its events): an event that names only
-- that id finds the message by it.
alter table outreach_message add column relay_message_id varchar(200);
create index ix_outreach_message_relay_id on outreach_message (relay_message_id);
