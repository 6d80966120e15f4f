-- See V9: appointments grow from empty on a new installation and are the parent of bookings and reminders.
alter table sched_appointment set (autovacuum_analyze_threshold = 1000);
