-- The ChannelSequencer's state on a message: which sequence it follows, which step it is on
-- (index into the ordered steps) and, while an operator task is open, what it waits for.
alter table outreach_message add column sequence_id bigint references sequence_config (id);
alter table outreach_message add column step_index integer not null default 0;
alter table outreach_message add column waiting_for varchar(100);
alter table outreach_message add column first_channel varchar(20);
