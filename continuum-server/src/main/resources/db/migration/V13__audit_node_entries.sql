-- Audit entries shipped by downtime nodes. Each lands in audit_log once, with its original time, its user and the
-- node as the address; this table receives it, keyed by (node, position in the node's own chain), so that a resent
-- entry is recognised and never written twice, and keeps what the node's chain needs to be verified again from the
-- database: the time exactly as the node wrote it and hashed it, and the node's links. Append-only like the log.
create table audit_node_entry (
    node_id       varchar(64) not null,
    seq           bigint      not null,
    audit_id      bigint      not null unique,
    at_text       varchar(64) not null,
    previous_hash char(64)    not null,
    hash          char(64)    not null,
    primary key (node_id, seq)
);
create trigger audit_node_entry_no_update before update or delete on audit_node_entry
    for each row execute function audit_log_guard();
create trigger audit_node_entry_no_truncate before truncate on audit_node_entry
    for each statement execute function audit_log_guard();
