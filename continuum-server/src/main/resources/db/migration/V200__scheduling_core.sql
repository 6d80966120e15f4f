-- Schedules, their weekly templates and exceptions, the slots generated from them, and appointments holding slots.
-- patient_id is the patients module's id, checked through its service (modules never share tables).

-- One bookable resource: a practitioner, a room or sampling point (a location) or a device, in a department.
create table sched_schedule (
    id               bigint generated always as identity primary key,
    name             varchar(100) not null,
    actor_kind       varchar(16)  not null,
    actor_reference  varchar(100) not null,
    department       varchar(64)  not null,
    zone             varchar(64)  not null,
    active           boolean      not null default true,
    -- Slots exist for local dates before this one (exclusive); null until generated.
    generated_until  date,
    version          int          not null default 1,
    updated_at       timestamptz  not null,
    constraint sched_schedule_kind_ck check (actor_kind in ('PRACTITIONER','LOCATION','DEVICE'))
);
create index sched_schedule_department_idx on sched_schedule (department);
create index sched_schedule_actor_idx on sched_schedule (actor_reference);

-- Weekly opening hours in the schedule's local wall-clock time, one line per weekday and appointment type.
create table sched_template_line (
    id                bigint generated always as identity primary key,
    schedule_id       bigint      not null references sched_schedule (id),
    weekday           smallint    not null,
    opens             time        not null,
    closes            time        not null,
    appointment_type  varchar(32) not null,
    slot_minutes      int         not null,
    constraint sched_template_weekday_ck check (weekday between 1 and 7),
    constraint sched_template_hours_ck check (closes > opens),
    constraint sched_template_minutes_ck check (slot_minutes between 5 and 480)
);
create index sched_template_schedule_idx on sched_template_line (schedule_id, weekday);

-- A period in which the resource is not available (holiday, closure, device out of service).
create table sched_exception (
    id           bigint generated always as identity primary key,
    schedule_id  bigint       not null references sched_schedule (id),
    starts_at    timestamptz  not null,
    ends_at      timestamptz  not null,
    reason       varchar(200) not null,
    created_by   varchar(64)  not null,
    created_at   timestamptz  not null,
    constraint sched_exception_period_ck check (ends_at > starts_at)
);
create index sched_exception_schedule_idx on sched_exception (schedule_id, starts_at);

-- FREE, BUSY (booked) or BLOCKED (busy-unavailable: an exception or blocked by hand).
create table sched_slot (
    id                bigint generated always as identity primary key,
    schedule_id       bigint       not null references sched_schedule (id),
    appointment_type  varchar(32)  not null,
    starts_at         timestamptz  not null,
    ends_at           timestamptz  not null,
    status            varchar(16)  not null,
    overbooked        boolean      not null default false,
    version           int          not null default 1,
    updated_at        timestamptz  not null,
    constraint sched_slot_status_ck check (status in ('FREE','BUSY','BLOCKED')),
    constraint sched_slot_period_ck check (ends_at > starts_at),
    constraint sched_slot_start_uq unique (schedule_id, starts_at)
);
-- The free-slot search: by resource, or by appointment type across resources, in start order.
create index sched_slot_free_idx on sched_slot (schedule_id, starts_at) where status = 'FREE';
create index sched_slot_free_type_idx on sched_slot (appointment_type, starts_at) where status = 'FREE';

create table sched_appointment (
    id                bigint generated always as identity primary key,
    patient_id        bigint       not null,
    appointment_type  varchar(32)  not null,
    status            varchar(16)  not null,
    starts_at         timestamptz  not null,
    ends_at           timestamptz  not null,
    overbooked        boolean      not null default false,
    comment           varchar(500),
    booked_by         varchar(64)  not null,
    cancel_reason     varchar(200),
    cancelled_by      varchar(64),
    cancelled_at      timestamptz,
    replaces          bigint references sched_appointment (id),
    replaced_by       bigint references sched_appointment (id),
    created_at        timestamptz  not null,
    version           int          not null default 1,
    updated_at        timestamptz  not null,
    constraint sched_appointment_status_ck
        check (status in ('BOOKED','ARRIVED','FULFILLED','CANCELLED','NOSHOW')),
    constraint sched_appointment_period_ck check (ends_at > starts_at),
    constraint sched_appointment_cancel_ck
        check (status <> 'CANCELLED' or (cancel_reason is not null and cancelled_by is not null))
);
create index sched_appointment_patient_idx on sched_appointment (patient_id, starts_at);
create index sched_appointment_start_idx on sched_appointment (starts_at);
create unique index sched_appointment_replaces_uq on sched_appointment (replaces) where replaces is not null;

-- Which slots an appointment holds. The double-booking guarantee: at most one active booking per slot that is not
-- an explicit overbooking, whatever the application does.
create table sched_booking (
    appointment_id  bigint  not null references sched_appointment (id),
    slot_id         bigint  not null references sched_slot (id),
    schedule_id     bigint  not null references sched_schedule (id),
    active          boolean not null default true,
    overbook        boolean not null default false,
    primary key (appointment_id, slot_id)
);
create unique index sched_booking_one_per_slot_uq on sched_booking (slot_id) where active and not overbook;
create index sched_booking_slot_idx on sched_booking (slot_id);
create index sched_booking_schedule_idx on sched_booking (schedule_id, appointment_id);
