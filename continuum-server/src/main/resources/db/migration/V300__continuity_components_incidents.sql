-- Continuity (docs/continuity.md): the catalogue of components the hospital depends on, the results of their probes,
-- and incidents with their versions and timelines.

-- One row per component. state is the state as status pages name it, kept by the prober and by incident changes;
-- the run columns (consecutive failures or successes, the first failed or good probe of the current run) are the
-- probe state machine's memory, so that a restart or another node continues the count. next_probe_at is claimed by the prober
-- (FOR UPDATE SKIP LOCKED), so with several server nodes each probe runs once.
create table continuity_component (
    code                  varchar(80)  primary key,
    name                  varchar(200) not null,
    kind                  varchar(40)  not null,
    target                varchar(500),
    failure_threshold     integer      not null check (failure_threshold between 1 and 100),
    recovery_threshold    integer      not null check (recovery_threshold between 1 and 100),
    probe_interval_ms     bigint       not null check (probe_interval_ms between 100 and 86400000),
    state                 varchar(20)  not null default 'operational'
        check (state in ('operational', 'degraded', 'partial_outage', 'major_outage', 'under_maintenance')),
    state_since           timestamptz  not null,
    consecutive_failures  integer      not null default 0,
    consecutive_successes integer      not null default 0,
    failing_since         timestamptz,
    recovering_since      timestamptz,
    last_probe_at         timestamptz,
    last_error            varchar(40),
    next_probe_at         timestamptz  not null,
    position              integer      not null default 100,
    created_at            timestamptz  not null
);

-- Every probe's outcome; pruned after the retention (continuum.continuity.probes.retention).
create table continuity_probe_result (
    id             bigint generated always as identity primary key,
    component_code varchar(80) not null references continuity_component (code),
    probed_at      timestamptz not null,
    outcome        varchar(10) not null check (outcome in ('ok', 'degraded', 'failed')),
    latency_ms     integer     not null,
    error_code     varchar(40)
);

create index continuity_probe_result_component on continuity_probe_result (component_code, probed_at);
create index continuity_probe_result_time on continuity_probe_result (probed_at);

-- The database probe's canary: a dedicated, non-clinical table written and read back by every probe.
create table continuity_canary (
    id         integer     primary key check (id = 1),
    written_at timestamptz not null,
    token      uuid        not null
);

-- An incident's identity; what it says lives in its versions (never updated, never deleted: a correction is a new
-- version) and its timeline of updates (append only).
create table continuity_incident (
    id         bigint generated always as identity primary key,
    created_at timestamptz not null
);

create table continuity_incident_version (
    incident_id  bigint       not null references continuity_incident (id),
    version      integer      not null check (version >= 1),
    kind         varchar(20)  not null check (kind in ('outage', 'maintenance')),
    title        varchar(200) not null,
    impact       varchar(10)  not null check (impact in ('none', 'minor', 'major', 'critical')),
    status       varchar(20)  not null
        check (status in ('investigating', 'identified', 'monitoring', 'resolved', 'scheduled', 'in_progress',
                          'completed')),
    components   varchar(80)[] not null,
    started_at   timestamptz  not null,
    detected_at  timestamptz  not null,
    ended_at     timestamptz,
    origin       varchar(10)  not null check (origin in ('probe', 'manual')),
    reason       varchar(500) not null,
    changed_by   varchar(100) not null,
    changed_at   timestamptz  not null,
    primary key (incident_id, version),
    check (ended_at is null or ended_at >= started_at)
);

create table continuity_incident_update (
    id          bigint generated always as identity primary key,
    incident_id bigint        not null references continuity_incident (id),
    status      varchar(20)   not null,
    body        varchar(2000) not null,
    author      varchar(100)  not null,
    created_at  timestamptz   not null
);

create index continuity_incident_update_incident on continuity_incident_update (incident_id, id);

-- The application's role does not own these tables, so it cannot drop this trigger: incidents keep every version.
create function continuity_incident_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'continuity incidents are append-only: % on % refused', tg_op, tg_table_name;
end $$;

create trigger continuity_incident_version_append_only
    before update or delete on continuity_incident_version
    for each statement execute function continuity_incident_append_only();

create trigger continuity_incident_update_append_only
    before update or delete on continuity_incident_update
    for each statement execute function continuity_incident_append_only();

create trigger continuity_incident_append_only
    before update or delete on continuity_incident
    for each statement execute function continuity_incident_append_only();
