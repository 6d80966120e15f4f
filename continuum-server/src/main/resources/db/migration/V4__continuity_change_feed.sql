-- The ordered, resumable log of clinical changes that the downtime node, notifications and interfaces follow.
-- Writers insert with seq null in their own transaction; a single sequencer numbers committed rows, so a reader
-- that asks for seq > N can never miss a change that commits later with a smaller number.
create table change_feed (
    id            bigint generated always as identity primary key,
    seq           bigint unique,
    resource_type varchar(64) not null,
    resource_id   varchar(64) not null,
    patient_id    varchar(64),
    operation     varchar(12) not null,
    changed_at    timestamptz not null,
    sequenced_at  timestamptz
);
create index change_feed_unsequenced_idx on change_feed (id) where seq is null;
