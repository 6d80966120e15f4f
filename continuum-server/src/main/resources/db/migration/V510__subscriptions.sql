-- FHIR R4 Subscriptions (docs/fhir.md, "Subscriptions"): the subscriptions with their owner's rights and delivery
-- state, the position of the change feed the matcher has gone through, and the notifications waiting to be sent.
create table subscription (
    id               bigint generated always as identity primary key,
    version          integer      not null default 1,
    status           varchar(16)  not null check (status in ('active', 'error', 'off')),
    criteria         varchar(2000) not null,
    resource_type    varchar(64)  not null,
    endpoint         varchar(2000) not null,
    payload          varchar(64),
    headers          text         not null default '',
    end_at           timestamptz,
    reason           varchar(1000),
    error            varchar(1000),
    owner            varchar(100) not null,
    owner_role       varchar(32)  not null,
    owner_scopes     text         not null,
    owner_token      boolean      not null,
    from_seq         bigint       not null,
    created_at       timestamptz  not null,
    last_updated     timestamptz  not null,
    last_attempt_at  timestamptz,
    last_success_at  timestamptz,
    failures         integer      not null default 0,
    failing_since    timestamptz,
    last_error       varchar(1000),
    delivered        bigint       not null default 0,
    withheld         bigint       not null default 0
);
create index subscription_owner on subscription (owner);

create table subscription_cursor (
    id       integer primary key check (id = 1),
    position bigint  not null
);
insert into subscription_cursor (id, position) select 1, coalesce(max(seq), 0) from change_feed;

create table subscription_notification (
    id              bigint generated always as identity primary key,
    subscription_id bigint      not null references subscription (id) on delete cascade,
    seq             bigint      not null,
    resource_type   varchar(64) not null,
    resource_id     varchar(100) not null,
    patient_id      varchar(100),
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null,
    unique (subscription_id, seq)
);
