-- See V9: the patient tables get their first statistics at a thousand rows. Every registration checks its identifiers',
-- name tokens' and history's foreign keys against patient; with a plan made when patient held a page, each check read
-- the whole table (0.8 ms at 12,000 patients instead of 0.003 ms), five times per registration.
alter table patient set (autovacuum_analyze_threshold = 1000);
alter table patient_identifier set (autovacuum_analyze_threshold = 1000);
alter table patient_name_token set (autovacuum_analyze_threshold = 1000);
alter table patient_history set (autovacuum_analyze_threshold = 1000);
