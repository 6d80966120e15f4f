-- The audit chain becomes keyed: links from one position on are HMAC-SHA256 with the audit key, a file outside the
-- database (docs/security.md, "Keyed chain and checkpoints"). Links before that position stay plain SHA-256 and
-- verify as before. The one row here records the switch: the first keyed position and the id of the key (not the
-- key). Written once by the chainer's first round with a key, never changed.
create table audit_chain_key (
    keyed_from  bigint      primary key,
    key_id      text        not null,
    recorded_at timestamptz not null default now()
);
create unique index audit_chain_key_one_row on audit_chain_key ((true));
create trigger audit_chain_key_no_update before update or delete on audit_chain_key
    for each row execute function audit_log_guard();
create trigger audit_chain_key_no_truncate before truncate on audit_chain_key
    for each statement execute function audit_log_guard();
