-- The schedules a bulk-rescheduled appointment held, so that its proposal can be made again (a stopped run, a slot
-- taken meanwhile) without reading the appointment anew; one per resource, in the order of the slots.
alter table sched_reschedule_item add column old_schedules bigint[] not null default '{}';
