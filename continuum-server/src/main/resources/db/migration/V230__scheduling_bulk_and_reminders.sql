-- Reminders sent and bulk rescheduling (continuum.scheduling): kept beside the core tables, which stay unchanged.

-- One row per appointment whose reminder was queued; the primary key is what makes a reminder go out once, even
-- when two nodes run the reminder job at the same moment.
create table sched_appointment_reminder (
    appointment_id  bigint      primary key references sched_appointment (id),
    sent_at         timestamptz not null,
    -- QUEUED, or FAILED when the notification could not be queued (logged by appointment id; not retried).
    outcome         varchar(8)  not null default 'QUEUED',
    constraint sched_appointment_reminder_outcome_ck check (outcome in ('QUEUED', 'FAILED'))
);

-- A bulk rescheduling: every booked appointment of one resource, one department or the whole hospital starting in
-- [window_start, window_end), moved to slots from not_before on. A persisted process: each step records its
-- progress here, so that a stopped run continues where it stopped.
create table sched_reschedule_batch (
    id            bigint generated always as identity primary key,
    scope         varchar(16)  not null,
    schedule_id   bigint       references sched_schedule (id),
    department    varchar(64),
    window_start  timestamptz  not null,
    window_end    timestamptz  not null,
    not_before    timestamptz  not null,
    reason        varchar(200) not null,
    status        varchar(16)  not null,
    created_by    varchar(64)  not null,
    created_at    timestamptz  not null,
    updated_at    timestamptz  not null,
    constraint sched_reschedule_batch_scope_ck check (scope in ('RESOURCE', 'DEPARTMENT', 'ALL')
        and (scope <> 'RESOURCE' or schedule_id is not null) and (scope <> 'DEPARTMENT' or department is not null)),
    constraint sched_reschedule_batch_status_ck check (status in ('PROPOSING', 'REVIEW', 'EXECUTING', 'DONE')),
    constraint sched_reschedule_batch_window_ck check (window_end > window_start)
);

-- One affected appointment: SELECTED -> PROPOSED (slots reserved for it) -> CONFIRMED -> REBOOKED, or NO_SLOT,
-- SKIPPED (dropped by the scheduler, or no longer booked) or FAILED, with a reason code.
create table sched_reschedule_item (
    id                  bigint generated always as identity primary key,
    batch_id            bigint       not null references sched_reschedule_batch (id),
    position            int          not null,
    appointment_id      bigint       not null references sched_appointment (id),
    patient_id          bigint       not null,
    appointment_type    varchar(32)  not null,
    old_start           timestamptz  not null,
    state               varchar(16)  not null,
    proposed_slots      bigint[],
    proposed_start      timestamptz,
    new_appointment_id  bigint       references sched_appointment (id),
    reason_code         varchar(40),
    updated_at          timestamptz  not null,
    constraint sched_reschedule_item_state_ck check (state in
        ('SELECTED', 'PROPOSED', 'CONFIRMED', 'REBOOKED', 'NO_SLOT', 'SKIPPED', 'FAILED')),
    constraint sched_reschedule_item_position_uq unique (batch_id, position)
);
create index sched_reschedule_item_batch_idx on sched_reschedule_item (batch_id, state, position);
-- An appointment is in at most one open item, so two batches never move it twice.
create unique index sched_reschedule_item_open_uq on sched_reschedule_item (appointment_id)
    where state in ('SELECTED', 'PROPOSED', 'CONFIRMED');
-- Slots held for open proposals, which new proposals leave alone.
create index sched_reschedule_item_open_idx on sched_reschedule_item (state) where state in ('PROPOSED', 'CONFIRMED');
