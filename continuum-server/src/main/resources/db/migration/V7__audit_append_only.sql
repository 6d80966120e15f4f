-- The audit log becomes truly append-only: every row is written once and never updated.
-- Until now the chainer updated each row to store its chain position and hash, which paid every index of the log a
-- second time, left a dead tuple per access for vacuum to clear, and forced the guard trigger to let that one update
-- through. The chain now lives in its own append-only table, audit_chain, one link per audit row.
--
-- Rows wait for the chainer in audit_pending, filled by a statement trigger in the inserting transaction, so an
-- entry becomes visible exactly when its row commits. The chainer takes the committed entries and links their rows
-- in the same transaction. The row id alone could not tell which rows are left to link: a writer draws it before it
-- commits, and can commit after a later id was already linked.

create table audit_chain (
    seq       bigint primary key,
    audit_id  bigint not null,
    prev_hash bytea  not null,
    hash      bytea  not null
);
insert into audit_chain (seq, audit_id, prev_hash, hash)
select chain_seq, id, prev_hash, hash from audit_log where chain_seq is not null;

create table audit_pending (
    audit_id bigint primary key
);
insert into audit_pending (audit_id) select id from audit_log where chain_seq is null;

create function audit_log_queue() returns trigger language plpgsql as $$
begin
    insert into audit_pending (audit_id) select id from new_rows;
    return null;
end $$;
create trigger audit_log_queue after insert on audit_log referencing new table as new_rows
    for each statement execute function audit_log_queue();

-- Rows may be added, never changed or removed: in the log and in the chain alike. Queue entries are removed by the
-- chainer as it links their rows, never changed.
create or replace function audit_log_guard() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' then
        raise exception '% rows cannot be changed', tg_table_name;
    end if;
    raise exception '% is append-only', tg_table_name;
end $$;
drop index audit_log_unchained_idx;
alter table audit_log drop column chain_seq, drop column prev_hash, drop column hash;
create trigger audit_chain_no_update before update or delete on audit_chain
    for each row execute function audit_log_guard();
create trigger audit_chain_no_truncate before truncate on audit_chain
    for each statement execute function audit_log_guard();
create trigger audit_pending_no_update before update on audit_pending
    for each row execute function audit_log_guard();
create trigger audit_pending_no_truncate before truncate on audit_pending
    for each statement execute function audit_log_guard();
