-- Append-only, hash-chained log of every access to patient data.
-- Writers insert rows with chain_seq null in the same transaction as the access; a single chainer assigns chain_seq
-- and the hash in commit order, so concurrent writers never wait on the chain head.
create table audit_log (
    id            bigint generated always as identity primary key,
    recorded_at   timestamptz  not null,
    username      varchar(64)  not null,
    role          varchar(32),
    action        varchar(24)  not null,
    resource_type varchar(64)  not null,
    resource_id   varchar(64),
    patient_id    varchar(64),
    outcome       varchar(12)  not null,
    address       varchar(64),
    detail        varchar(500),
    chain_seq     bigint unique,
    prev_hash     bytea,
    hash          bytea
);
create index audit_log_unchained_idx on audit_log (id) where chain_seq is null;
create index audit_log_patient_idx on audit_log (patient_id, recorded_at);
create index audit_log_time_idx on audit_log (recorded_at);

-- Rows may be added and chained, never changed otherwise or removed.
create function audit_log_guard() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' or tg_op = 'TRUNCATE' then
        raise exception 'audit_log is append-only';
    end if;
    if old.chain_seq is not null
       or new.id <> old.id or new.recorded_at <> old.recorded_at or new.username <> old.username
       or new.role is distinct from old.role or new.action <> old.action or new.resource_type <> old.resource_type
       or new.resource_id is distinct from old.resource_id or new.patient_id is distinct from old.patient_id
       or new.outcome <> old.outcome or new.address is distinct from old.address
       or new.detail is distinct from old.detail then
        raise exception 'audit_log rows cannot be changed';
    end if;
    return new;
end $$;
create trigger audit_log_no_update before update or delete on audit_log
    for each row execute function audit_log_guard();
create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_guard();
