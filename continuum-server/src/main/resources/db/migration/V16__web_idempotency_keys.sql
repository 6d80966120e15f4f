-- Idempotency keys of FHIR writes (web.IdempotencyFilter): a key is written in the transaction of the write it
-- names, so after any failure, a failover included, the key is there exactly when the write is. A row holds what
-- answers a retry (status and headers naming the resource, never its content) and the fingerprint of the request
-- that used the key (method, URL, conditional headers, body); rows older than the retention are pruned.
create table idempotency_key (
    principal      text        not null,
    key            text        not null,
    fingerprint    bytea       not null,
    status         integer     not null,
    location       text,
    content_location text,
    etag           text,
    last_modified  text,
    created_at     timestamptz not null,
    primary key (principal, key)
);

create index idempotency_key_created_at on idempotency_key (created_at);
