-- See V9: encounters grow from empty on a new installation and are the parent of every bed assignment.
alter table adt_encounter set (autovacuum_analyze_threshold = 1000);
