-- The re-contact worker walks ix_outreach_recontact in batches by (last_email_sent_at, id).
-- The reference's index is (tenant_id, status, re_contact_cycle, last_email_sent_at); one
-- installation is one tenant, and V1 put campaign_id in tenant_id's place, but campaign_id is null
-- for unbound leads and PostgreSQL cannot read an index in order behind an IS NULL, so the worker
-- would sort every candidate instead of seeking. Eligibility does not depend on the campaign:
-- the index is the reference's columns without the tenant, plus id to break the ties the tick
-- leaves (it stamps a whole batch with the same send time), so that each batch seeks where the
-- last one ended.
drop index ix_outreach_recontact;
create index ix_outreach_recontact on enrollment (status, re_contact_cycle, last_email_sent_at, id);
