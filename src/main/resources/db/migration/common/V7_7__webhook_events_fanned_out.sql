-- Outgoing webhooks (module integration): an event is written once, in the transaction of its cause,
-- whatever the number of endpoints that take it; the worker fans it out to those endpoints when it
-- claims it, and only then does each endpoint get its delivery row (its tries, outcome, resend).
-- Before, the cause's transaction wrote one delivery row per endpoint, each with a copy of the
-- payload: three endpoints tripled what every send wrote (docs/benchmarks.md, outbox-webhooks).
--
-- endpoint_ids: the endpoints subscribed when the event happened (comma separated), so an endpoint
-- added later does not receive older events. A PENDING event is due at next_attempt_at; a claim
-- moves next_attempt_at past a lease, so the event of a worker that died is fanned out again when
-- the lease ends, to the same delivery ids (derived from the event's id and the endpoint's), which
-- the receivers dedupe. FANNED_OUT: its deliveries exist.
create table webhook_event (
    id              uuid not null primary key,
    event_type      varchar(50) not null,
    payload         varchar(8000) not null,
    occurred_at     timestamp with time zone not null,
    created_at      timestamp with time zone not null,
    endpoint_ids    varchar(8000) not null,
    status          varchar(20) not null,
    next_attempt_at timestamp with time zone not null,
    give_up_at      timestamp with time zone not null
);

-- the worker's claim: PENDING events in order of due time
create index ix_webhook_event_due on webhook_event (status, next_attempt_at);

-- each delivery recorded so far becomes an event of its own, already fanned out (its id is the
-- delivery's, which keeps every row's idempotency key as it was)
insert into webhook_event (id, event_type, payload, occurred_at, created_at, endpoint_ids, status, next_attempt_at,
    give_up_at)
select id, event_type, payload, occurred_at, created_at, cast(endpoint_id as varchar(20)), 'FANNED_OUT', created_at,
    give_up_at
from webhook_delivery;

alter table webhook_delivery add column event_id uuid;
update webhook_delivery set event_id = id;
alter table webhook_delivery alter column event_id set not null;
alter table webhook_delivery add constraint fk_webhook_delivery_event foreign key (event_id) references webhook_event (id);
alter table webhook_delivery drop column payload;
alter table webhook_delivery drop column occurred_at;
