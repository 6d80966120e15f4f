-- Every version of every appointment as it was written (a snapshot of its row), for FHIR vread and _history.
create table sched_appointment_version (
    appointment_id  bigint      not null references sched_appointment (id),
    version         int         not null,
    snapshot        jsonb       not null,
    recorded_at     timestamptz not null,
    primary key (appointment_id, version)
);
