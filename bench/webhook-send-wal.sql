-- What recording a message.sent for 3 endpoints adds to a send's transaction, before and after the
-- fan-out (V7_2's delivery row per endpoint vs V7_7's one event row): WAL and bytes on disk per send,
-- 5,000 sends, in a scratch schema dropped at the end (docs/benchmarks.md, "One event row per send").
-- psql -h 127.0.0.1 -U postgres -d test -f bench/webhook-send-wal.sql
drop schema if exists webhook_send_wal cascade; create schema webhook_send_wal; set search_path = webhook_send_wal;
create table webhook_endpoint (id bigint primary key); insert into webhook_endpoint values (1),(2),(3);
create table old_delivery (id uuid primary key, endpoint_id bigint not null references webhook_endpoint (id), event_type varchar(50) not null,
 payload varchar(8000) not null, occurred_at timestamptz not null, created_at timestamptz not null, status varchar(20) not null,
 attempts int not null default 0, next_attempt_at timestamptz not null, give_up_at timestamptz not null, last_response_code int,
 last_error varchar(500), delivered_at timestamptz);
create index on old_delivery (status, next_attempt_at); create index on old_delivery (endpoint_id, created_at);
create table new_event (id uuid primary key, event_type varchar(50) not null, payload varchar(8000) not null, occurred_at timestamptz not null,
 created_at timestamptz not null, endpoint_ids varchar(1000) not null, status varchar(20) not null, next_attempt_at timestamptz not null,
 give_up_at timestamptz not null);
create index on new_event (status, next_attempt_at);
checkpoint;
\set payload '''{"message_id":"6f1c2d3e-1111-2222-3333-444455556666","lead_id":123456,"enrollment_id":654321,"channel":"EMAIL","mailbox":"sender-3@send.example","touch":2,"message_type":"follow_up","sent_at":"2026-12-07T16:20:00.123456Z"}'''
select pg_current_wal_insert_lsn() as a \gset
insert into old_delivery (id, endpoint_id, event_type, payload, occurred_at, created_at, status, next_attempt_at, give_up_at)
 select gen_random_uuid(), e, 'MESSAGE_SENT', :payload, now(), now(), 'PENDING', now(), now() + interval '24 hours' from generate_series(1,5000) g, generate_series(1,3) e;
select pg_current_wal_insert_lsn() as b \gset
insert into new_event (id, event_type, payload, occurred_at, created_at, endpoint_ids, status, next_attempt_at, give_up_at)
 select gen_random_uuid(), 'MESSAGE_SENT', :payload, now(), now(), '1,2,3', 'PENDING', now(), now() + interval '24 hours' from generate_series(1,5000) g;
select pg_current_wal_insert_lsn() as c \gset
\pset format aligned
select pg_wal_lsn_diff(:'b', :'a') / 5000 as old_wal_bytes_per_send, pg_wal_lsn_diff(:'c', :'b') / 5000 as new_wal_bytes_per_send,
 pg_total_relation_size('old_delivery') / 5000 as old_bytes_per_send, pg_total_relation_size('new_event') / 5000 as new_bytes_per_send;
drop schema webhook_send_wal cascade;
