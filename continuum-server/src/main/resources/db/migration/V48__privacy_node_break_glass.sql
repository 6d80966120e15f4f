-- Break-the-glass accesses made on a downtime node reach the privacy officer's review queue when the node's audit
-- entries arrive (docs/security.md, "Restricted patients and break-the-glass"). node_id and node_seq name the node and
-- the position of the entry in its chain: one queue row per entry, however often the node sends it. A node's row
-- opens nothing on the server (the access control reads server rows only, node_id null).
alter table privacy_break_glass add column node_id varchar(64);
alter table privacy_break_glass add column node_seq bigint;
alter table privacy_break_glass add constraint privacy_break_glass_node_ck check ((node_id is null) = (node_seq is null));
create unique index privacy_break_glass_node_entry_idx on privacy_break_glass (node_id, node_seq) where node_id is not null;
