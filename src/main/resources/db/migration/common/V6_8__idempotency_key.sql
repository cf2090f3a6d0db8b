-- Idempotency-Key: the first answer to a client's keyed request, so that a replay returns it and changes nothing.
-- Written only by shared's IdempotentRequests. The key is the client's (actor) own: two clients may use the same one.
create table idempotency_key (
    actor       varchar(200) not null,
    idem_key    varchar(200) not null,
    -- SHA-256 (hex) of the endpoint and the request body: the same key with another body is refused
    fingerprint varchar(64)  not null,
    -- the answer as JSON, written in the transaction of the request's effects
    answer      text,
    created_at  timestamp    not null,
    expires_at  timestamp    not null,
    constraint pk_idempotency_key primary key (actor, idem_key)
);

-- the hourly purge of expired keys
create index ix_idempotency_key_expires on idempotency_key (expires_at);
