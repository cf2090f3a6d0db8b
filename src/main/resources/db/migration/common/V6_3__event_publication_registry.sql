-- Spring Modulith's event publication registry (schema version 2 of spring-modulith-events-jdbc):
-- one row per event and listener that runs after a commit, written in the publishing transaction,
-- so that a listener that failed or never ran (a crash, a restart) is run again on restart.
-- Completed rows are deleted (spring.modulith.events.completion-mode: delete), so the table holds
-- only the publications still in flight or failed; its own schema initialization is off.
create table event_publication (
    id                     uuid not null primary key,
    listener_id            varchar(512) not null,
    event_type             varchar(512) not null,
    serialized_event       varchar(8000) not null,
    publication_date       timestamp with time zone not null,
    completion_date        timestamp with time zone,
    status                 varchar(20),
    completion_attempts    int,
    last_resubmission_date timestamp with time zone
);

-- the registry finds a publication to complete by its listener and serialized event (not in the
-- index: a B-tree entry on PostgreSQL is limited to about 2.7 kB, and with completed rows deleted
-- the listener's few rows in flight are read anyway), the incomplete ones by their completion date
create index ix_event_publication_listener on event_publication (listener_id);
create index ix_event_publication_completion on event_publication (completion_date);
