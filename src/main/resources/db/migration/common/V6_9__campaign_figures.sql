-- Campaign figures (the Campaigns list, a campaign's overview and daily chart) read a campaign's
-- messages through their enrollments: the campaign's enrollments by ix_enrollment_campaign_lead,
-- then their messages by enrollment, which no index served (the outbox's indexes lead with the
-- status or the lead).
create index ix_outreach_message_enrollment on outreach_message (enrollment_id);
-- A message's unsubscribe is an UNSUBSCRIBED email event: few among the opens and deliveries.
create index ix_email_event_type on email_event (event_type, message_id);
-- One campaign's due enrollments for its waiting reasons (the tick's ix_enrollment_due serves all campaigns at once).
create index ix_enrollment_campaign_due on enrollment (campaign_id, status, next_touch_due_at);
