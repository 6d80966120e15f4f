-- Free slots in start order across all schedules (a day's free slots of any resource, or of a department's schedules):
-- the two indexes of V200 lead with the schedule or the type, so such a search would otherwise read every slot.
create index sched_slot_free_start_idx on sched_slot (starts_at) where status = 'FREE';
