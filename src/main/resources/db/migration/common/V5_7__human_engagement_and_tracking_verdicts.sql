-- Only human opens and clicks move the follow-up tiers and pass the engagement gate; every open
-- still counts in the open counts, for the record. The tiers need the time of a message's first
-- HUMAN open (a prefetch by Apple Mail Privacy Protection must not pass for "opened within an hour
-- of receipt"), kept apart from the first open of any kind.
alter table outreach_message add column first_human_opened_at timestamp with time zone;
alter table enrollment add column last_email_human_opened_at timestamp with time zone;
-- Until now the human count was kept, the first human open time was not: for enrollments whose
-- opens were all human the two times are the same.
update enrollment set last_email_human_opened_at = last_email_opened_at
where email_human_open_count > 0 and email_human_open_count = email_open_count;
update outreach_message set first_human_opened_at = first_opened_at
where human_open_count > 0 and human_open_count = open_count;

-- Why a tracking request was judged a person's or a machine's: the verdict and the rule that
-- decided it (tracking opens and clicks; null for events that carry no verdict), and a hash of
-- what makes two requests the same (the link for a click, the client for an open) for the
-- repeat and link-burst rules, which look at a message's recent tracking events
-- (ix_email_event_message).
alter table email_event add column machine boolean;
alter table email_event add column verdict_rule varchar(60);
alter table email_event add column tracking_key varchar(64);
