-- What an incident hit, computed from the data when it is resolved (and on demand while it runs): one row per
-- incident with the window and counts, one row per hit appointment, late-recorded arrival or delayed message.
-- Derived data: a new computation replaces the previous one (the incident itself is never changed or deleted).
create table continuity_impact (
    incident_id      bigint       primary key,
    window_start     timestamptz  not null,
    window_end       timestamptz  not null,
    components       varchar(1000) not null,
    computed_at      timestamptz  not null,
    computed_by      varchar(64)  not null,
    appointments     int          not null,
    late_arrivals    int          not null,
    messages         int          not null,
    constraint continuity_impact_window_ck check (window_end >= window_start)
);

create table continuity_impact_item (
    incident_id  bigint       not null references continuity_impact (incident_id) on delete cascade,
    kind         varchar(20)  not null
        constraint continuity_impact_item_kind_ck check (kind in ('APPOINTMENT', 'LATE_ARRIVAL', 'MESSAGE')),
    reference    varchar(100) not null,
    patient_id   bigint       not null,
    at           timestamptz  not null,
    detail       varchar(100),
    primary key (incident_id, kind, reference)
);

-- The bulk reschedulings started from an incident's impact: the action is taken once per incident.
create table continuity_impact_batch (
    incident_id  bigint      not null,
    batch_id     bigint      not null,
    created_by   varchar(64) not null,
    created_at   timestamptz not null,
    primary key (incident_id, batch_id)
);
