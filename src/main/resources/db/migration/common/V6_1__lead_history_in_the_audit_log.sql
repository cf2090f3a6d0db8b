-- The lead page reads a lead's email-flag history (flagged, cleared, by whom) from the audit log.
create index ix_audit_log_entity on audit_log (entity_type, entity_id, created_at);
