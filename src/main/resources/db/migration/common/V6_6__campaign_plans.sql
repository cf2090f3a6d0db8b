-- Campaigns become the operator's unit of work (issue 16): an owner, a lifecycle, their own touch
-- plan, schedule, senders, limits and re-contact policy. Until now one global plan (the engine
-- settings) applied to every campaign; each existing campaign gets a plan equal to it, so that
-- nothing an existing installation does changes with this migration.

alter table campaign add column owner varchar(100);
alter table campaign add column send_days varchar(40) not null default 'MON,TUE,WED,THU,FRI';
alter table campaign add column send_start_hour integer not null default 9;
alter table campaign add column send_end_hour integer not null default 17;
alter table campaign add column new_leads_per_day integer;
alter table campaign add column touches_per_day integer;
alter table campaign add column max_recontact_cycles integer not null default 4;
alter table campaign add column recontact_cooldown_days integer not null default 90;

update campaign set status = 'ACTIVE' where status not in ('DRAFT', 'ACTIVE', 'PAUSED', 'COMPLETED', 'ARCHIVED');
alter table campaign add constraint ck_campaign_status
    check (status in ('DRAFT', 'ACTIVE', 'PAUSED', 'COMPLETED', 'ARCHIVED'));

-- the schedule and re-contact policy the engine applied to every campaign so far
update campaign set
    send_days = coalesce((select s.send_days from sales_engine_config s where s.id = 1), send_days),
    send_start_hour = coalesce((select s.send_window_start_hour from sales_engine_config s where s.id = 1), send_start_hour),
    send_end_hour = coalesce((select s.send_window_end_hour from sales_engine_config s where s.id = 1), send_end_hour),
    max_recontact_cycles = coalesce((select s.max_recontact_cycles from sales_engine_config s where s.id = 1), max_recontact_cycles),
    recontact_cooldown_days = coalesce((select s.recontact_cooldown_days from sales_engine_config s where s.id = 1), recontact_cooldown_days),
    sequence_id = coalesce(sequence_id, (select min(q.id) from sequence_config q where q.is_default));

-- Senders a campaign may use: sending domains and single mailboxes; none at all = every healthy one.
create table campaign_sender (
    campaign_id bigint      not null references campaign (id) on delete cascade,
    kind        varchar(10) not null,
    sender_id   bigint      not null,
    constraint pk_campaign_sender primary key (campaign_id, kind, sender_id),
    constraint ck_campaign_sender_kind check (kind in ('DOMAIN', 'MAILBOX'))
);

-- The touch plan: touch 1..n, each with its message type, channel-fallback sequence, delay after
-- the previous touch (the base of the adaptive tiers for email follow-ups) and engagement gate.
create table campaign_touch (
    campaign_id     bigint      not null references campaign (id) on delete cascade,
    touch_order     integer     not null,
    message_type    varchar(30) not null,
    sequence_id     bigint      not null references sequence_config (id),
    delay_hours     integer     not null,
    engagement_gate boolean     not null default false,
    constraint pk_campaign_touch primary key (campaign_id, touch_order),
    constraint ck_campaign_touch_order check (touch_order >= 1)
);

-- The template a touch uses on each channel of its sequence (a message_template name).
create table campaign_touch_template (
    campaign_id   bigint       not null,
    touch_order   integer      not null,
    channel       varchar(20)  not null,
    template_name varchar(100) not null,
    constraint pk_campaign_touch_template primary key (campaign_id, touch_order, channel),
    constraint fk_campaign_touch_template foreign key (campaign_id, touch_order)
        references campaign_touch (campaign_id, touch_order) on delete cascade
);

-- Today's global behaviour as each existing campaign's plan: max_sequence_steps touches, the base
-- follow-up delay between them, the final touch gated when the engine requires engagement.
insert into campaign_touch (campaign_id, touch_order, message_type, sequence_id, delay_hours, engagement_gate)
with recursive touch_numbers (n) as (select 1 union all select n + 1 from touch_numbers where n < 10)
select c.id, t.n,
       case when t.n = 1 then 'INITIAL' when t.n = s.max_sequence_steps then 'FINAL' else 'FOLLOW_UP' end,
       c.sequence_id,
       case when t.n = 1 then 0 else s.base_followup_delay_hours end,
       s.require_engagement_for_final_step and t.n = s.max_sequence_steps and t.n > 1
from campaign c cross join touch_numbers t cross join sales_engine_config s
where s.id = 1 and t.n <= s.max_sequence_steps and c.sequence_id is not null;

-- each touch's template on every channel of its sequence: for email the plain template of the
-- touch's type (what the content module chose by type so far), else the step's own template
insert into campaign_touch_template (campaign_id, touch_order, channel, template_name)
select ct.campaign_id, ct.touch_order, st.channel, min(mt.name)
from campaign_touch ct
join sequence_step st on st.sequence_id = ct.sequence_id
join message_template mt on mt.channel = st.channel
    and ((st.channel = 'EMAIL' and mt.angle is null and mt.message_type = lower(ct.message_type))
         or (st.channel <> 'EMAIL' and mt.name = st.message_template))
group by ct.campaign_id, ct.touch_order, st.channel;

-- Touches and new leads a campaign started per day (its time zone's date): the tick's daily limits.
-- Owned by the cadence module, which writes it in the tick's batch transactions.
create table campaign_day_usage (
    campaign_id bigint  not null references campaign (id) on delete cascade,
    usage_day   date    not null,
    touches     integer not null default 0,
    new_leads   integer not null default 0,
    constraint pk_campaign_day_usage primary key (campaign_id, usage_day)
);
