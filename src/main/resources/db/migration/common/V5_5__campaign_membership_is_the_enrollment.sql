-- A lead is in a campaign exactly when it is enrolled in it. lead.campaign_id was a second
-- record of that link which enrolling never set: the lead page showed no campaign and the
-- leads grid's campaign filter found none of a campaign's enrolled leads. The grid now filters
-- on the campaign's enrollments (ix_enrollment_campaign_lead), the lead page lists a lead's
-- (uq_enrollment_lead_campaign).
-- A campaign set on a lead that was never enrolled only labelled the lead (and chose the
-- sequence of a message sent from the operator API); such labels are dropped with the column.
drop index ix_lead_campaign_created;
alter table lead drop column campaign_id;
create index ix_enrollment_campaign_lead on enrollment (campaign_id, lead_id);
