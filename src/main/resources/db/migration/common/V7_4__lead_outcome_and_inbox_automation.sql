-- What came of a lead, set from the inbox (module lead owns the columns): INTERESTED,
-- MEETING_BOOKED or NOT_INTERESTED; null until someone says. Beside the status, which is what the
-- engine did (contacted, replied...), the outcome is what the salesperson made of it.
alter table lead add column outcome varchar(20);
alter table lead add column outcome_at timestamp with time zone;

-- A sequence stopped by hand (module cadence owns the column): the status it had, which resuming
-- gives back (a stop from CONTACTED must not make the tick send a touch after the final one).
alter table enrollment add column resume_status varchar(20);

-- The automatic action for each intent label (module inbox owns both tables), set by admins:
-- NONE, UNSUBSCRIBE, SNOOZE (to the day after the label's date, else the out-of-office pause),
-- STOP_SEQUENCE, STOP_AND_ASSIGN_OWNER (stop, and assign the lead to its campaign's owner).
create table inbox_automation (
    label      varchar(30)  not null primary key,
    action     varchar(30)  not null,
    enabled    boolean      not null,
    updated_by varchar(100) not null,
    updated_at timestamp with time zone not null
);
insert into inbox_automation (label, action, enabled, updated_by, updated_at) values
    ('INTERESTED', 'STOP_AND_ASSIGN_OWNER', true, 'system', current_timestamp),
    ('MEETING_REQUEST', 'NONE', false, 'system', current_timestamp),
    ('NOT_INTERESTED', 'NONE', false, 'system', current_timestamp),
    ('NOT_NOW', 'NONE', false, 'system', current_timestamp),
    ('OUT_OF_OFFICE', 'SNOOZE', true, 'system', current_timestamp),
    ('WRONG_PERSON', 'NONE', false, 'system', current_timestamp),
    ('UNSUBSCRIBE_REQUEST', 'UNSUBSCRIBE', true, 'system', current_timestamp),
    -- any other automatic answer pauses as the IMAP poller paused every automatic answer before
    ('AUTO_REPLY_OTHER', 'SNOOZE', true, 'system', current_timestamp);

-- The automatic action taken on a reply: one row per reply, written in the transaction of the
-- action, so that a label stored twice, or a listener the registry runs again, acts once.
create table reply_automation (
    reply_id   bigint       not null primary key references email_reply (id) on delete cascade,
    lead_id    bigint       not null references lead (id) on delete cascade,
    label      varchar(30)  not null,
    action     varchar(30)  not null,
    outcome    varchar(500) not null,
    applied_at timestamp with time zone not null
);
create index ix_reply_automation_lead on reply_automation (lead_id);
