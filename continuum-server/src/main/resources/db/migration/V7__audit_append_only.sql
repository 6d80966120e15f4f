-- The audit log becomes truly append-only: every row is written once and never updated.
-- Until now the chainer updated each row to store its chain position and hash, which paid every index of the log a
-- second time, left a dead tuple per access for vacuum to clear, and forced the guard trigger to let that one update
-- through. The chain now lives in its own append-only table, audit_chain, one link per audit row.
--
-- The chainer finds the rows it has not linked yet by the inserting transaction's id (tx), which PostgreSQL hands
-- out in increasing order: once a snapshot's xmin is past a transaction id, that transaction has ended, so every row
-- with a smaller tx is final (committed and visible, or never to be seen). Rows are linked in (tx, id) order up to
-- that bound; the last link's (tx, id) is where the next round starts. An id (a sequence value) could not serve:
-- a writer takes it before its transaction id, and can commit after a later id was already linked.

-- Rows written before this migration read tx = 0 (the column default is a catalog entry, no table rewrite); those
-- not linked yet are given tx = 1, which sorts after every linked one and before every real transaction id (>= 3).
alter table audit_log add column tx bigint not null default 0;
alter table audit_log disable trigger audit_log_no_update;
update audit_log set tx = 1 where chain_seq is null;
alter table audit_log enable trigger audit_log_no_update;
alter table audit_log alter column tx set default cast(cast(pg_current_xact_id() as text) as bigint);
create index audit_log_tx_idx on audit_log (tx, id);

create table audit_chain (
    seq       bigint primary key,
    audit_id  bigint not null,
    audit_tx  bigint not null,
    prev_hash bytea  not null,
    hash      bytea  not null
);
insert into audit_chain (seq, audit_id, audit_tx, prev_hash, hash)
select chain_seq, id, 0, prev_hash, hash from audit_log where chain_seq is not null;

drop index audit_log_unchained_idx;
alter table audit_log drop column chain_seq, drop column prev_hash, drop column hash;

-- Rows may be added, never changed or removed: in the log and in the chain alike.
create or replace function audit_log_guard() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' then
        raise exception '% rows cannot be changed', tg_table_name;
    end if;
    raise exception '% is append-only', tg_table_name;
end $$;
create trigger audit_chain_no_update before update or delete on audit_chain
    for each row execute function audit_log_guard();
create trigger audit_chain_no_truncate before truncate on audit_chain
    for each statement execute function audit_log_guard();
