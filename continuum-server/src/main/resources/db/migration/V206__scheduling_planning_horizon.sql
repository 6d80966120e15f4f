-- The planning horizon a client gives a schedule (FHIR Schedule.planningHorizon): the period its slots are meant to
-- cover. Kept as given; independent of generated_until, which is how far slots have been laid out.
alter table sched_schedule
    add column planning_start timestamptz,
    add column planning_end   timestamptz,
    add constraint sched_schedule_planning_ck
        check (planning_start is null or planning_end is null or planning_start <= planning_end);
