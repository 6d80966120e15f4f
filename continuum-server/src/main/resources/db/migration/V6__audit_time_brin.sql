-- Every access writes an audit row, and the chainer then updates it, so each B-tree on the log is paid twice by
-- every request. The log is read by time range, and rows arrive in time order: a BRIN index answers those ranges
-- at a fraction of a B-tree's upkeep.
drop index audit_log_time_idx;
create index audit_log_time_brin on audit_log using brin (recorded_at);
