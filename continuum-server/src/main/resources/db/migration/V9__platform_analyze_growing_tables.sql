-- Tables that grow with every access or change get their first statistics once they hold a thousand rows, not fifty.
-- PostgreSQL plans a prepared statement (and every foreign-key check, which is one) once and keeps the plan until the
-- table is analyzed again. Analyzed while tiny (one page), a table is cheapest to scan whole, and that plan stays
-- while the table grows by tens of thousands of rows until autovacuum comes back: on a fresh installation loaded
-- through the API, the change sequencer's update cost 0.85 ms instead of 0.06. Until its first analyze a table is
-- planned from its real size, which picks the index; with a thousand rows it is past the size where a full scan wins.
-- The embedded server also looks every 10 s rather than every minute (autovacuum_naptime), so statistics keep up.
alter table change_feed set (autovacuum_analyze_threshold = 1000);
alter table audit_log set (autovacuum_analyze_threshold = 1000);
