-- The inbox's own state (inbox owns both tables). A reply or automatic answer is read once anyone
-- on the team opened it (read state is team-wide: one person handling it is enough); no row: unread.
create table inbox_read (
    reply_id bigint       not null primary key references email_reply (id) on delete cascade,
    read_at  timestamp with time zone not null,
    read_by  varchar(100) not null
);

-- Who handles the conversation with a lead; no row: nobody.
create table lead_assignee (
    lead_id     bigint       not null primary key references lead (id) on delete cascade,
    username    varchar(100) not null,
    assigned_at timestamp with time zone not null,
    assigned_by varchar(100) not null
);
-- the inbox filtered by assignee
create index ix_lead_assignee_username on lead_assignee (username, lead_id);

-- The inbox's pages, newest first by keyset (received_at, id): a backward scan of this index stops
-- after a page (email_reply is the events module's; an index only serves the inbox's reads).
create index ix_email_reply_received on email_reply (received_at, id);
-- filtered by mailbox: the same order within one mailbox
create index ix_email_reply_mailbox_received on email_reply (mailbox_id, received_at, id);
