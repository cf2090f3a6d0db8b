-- Where the IMAP poller left off, per mailbox and folder (events owns it). The position used to
-- live on the mailbox row; it moves here with what it held.
create table imap_folder_position (
    mailbox_id   bigint       not null references mailbox (id) on delete cascade,
    folder       varchar(200) not null,
    uid_validity bigint       not null,
    last_uid     bigint       not null,
    updated_at   timestamp with time zone not null,
    constraint pk_imap_folder_position primary key (mailbox_id, folder)
);
insert into imap_folder_position (mailbox_id, folder, uid_validity, last_uid, updated_at)
select id, 'INBOX', imap_uid_validity, imap_last_uid, coalesce(imap_last_polled_at, updated_at)
from mailbox where imap_uid_validity is not null and imap_last_uid is not null;
alter table mailbox drop column imap_uid_validity;
alter table mailbox drop column imap_last_uid;

-- Automatic answers on the lead timeline: REPLY (a person's), AUTO_REPLY (out-of-office) or
-- CHALLENGE (challenge-response), with what was done about it.
alter table email_reply add column kind varchar(20) default 'REPLY' not null;
alter table email_reply add column note varchar(500);

-- An out-of-office pauses the lead's enrollments until this moment (cadence owns the columns).
alter table enrollment add column paused_until timestamp with time zone;
alter table enrollment add column paused_reason varchar(300);

-- The lead's email channel needs an operator (a challenge-response asks a person to verify).
alter table lead add column email_flag varchar(500);
alter table lead add column email_flagged_at timestamp with time zone;
