-- Encounters and where the patient lay during them. patient_id is the patients module's id; it is checked through
-- its service, not by a foreign key, because modules never share tables.
create table adt_encounter (
    id            bigint generated always as identity primary key,
    patient_id    bigint       not null,
    class         varchar(16)  not null,
    status        varchar(16)  not null,
    period_start  timestamptz,
    period_end    timestamptz,
    practitioner  varchar(64),
    reason        varchar(500),
    version       int          not null default 1,
    updated_at    timestamptz  not null,
    constraint adt_encounter_class_ck check (class in ('INPATIENT','EMERGENCY','AMBULATORY')),
    constraint adt_encounter_status_ck check (status in ('PLANNED','IN_PROGRESS','FINISHED','CANCELLED')),
    constraint adt_encounter_period_ck check (period_end is null or period_end >= period_start)
);
create index adt_encounter_patient_idx on adt_encounter (patient_id, period_start desc);
create index adt_encounter_status_idx on adt_encounter (status, period_start desc);
-- A patient has at most one in-progress inpatient stay.
create unique index adt_encounter_one_stay_uq on adt_encounter (patient_id)
    where status = 'IN_PROGRESS' and class = 'INPATIENT';

-- The location history of an encounter: a transfer ends the current assignment and starts the next.
create table adt_bed_assignment (
    id           bigint generated always as identity primary key,
    encounter_id bigint      not null references adt_encounter (id),
    bed_id       bigint      not null references adt_bed (id),
    started_at   timestamptz not null,
    ended_at     timestamptz,
    constraint adt_bed_assignment_period_ck check (ended_at is null or ended_at >= started_at)
);
create index adt_bed_assignment_encounter_idx on adt_bed_assignment (encounter_id, started_at);
create index adt_bed_assignment_bed_idx on adt_bed_assignment (bed_id, started_at);
-- A bed holds at most one patient, and an encounter is in at most one bed at a time.
create unique index adt_bed_one_occupant_uq on adt_bed_assignment (bed_id) where ended_at is null;
create unique index adt_encounter_one_bed_uq on adt_bed_assignment (encounter_id) where ended_at is null;

-- Every version of every encounter, for FHIR vread and _history.
create table adt_encounter_version (
    encounter_id  bigint       not null references adt_encounter (id),
    version       int          not null,
    status        varchar(16)  not null,
    period_start  timestamptz,
    period_end    timestamptz,
    practitioner  varchar(64),
    reason        varchar(500),
    recorded_at   timestamptz  not null,
    primary key (encounter_id, version)
);

-- Wards, rooms and beds as one list of places (the FHIR Location API), parents before children in sort_key order.
create view adt_place as
select 'WARD' as kind, w.id, w.code, w.name, null::varchar as parent_kind, null::bigint as parent_id, w.service,
       null::varchar as bed_status, false as occupied, w.code as sort_key
from adt_ward w
union all
select 'ROOM', r.id, r.code, 'Room ' || r.code || ' (' || w.code || ')', 'WARD', w.id, w.service, null, false,
       w.code || '/' || r.code
from adt_room r join adt_ward w on w.id = r.ward_id
union all
select 'BED', b.id, b.code, 'Bed ' || b.code || ' (' || w.code || ')', 'ROOM', r.id, w.service, b.status,
       exists (select 1 from adt_bed_assignment a where a.bed_id = b.id and a.ended_at is null),
       w.code || '/' || r.code || '/' || b.code
from adt_bed b join adt_room r on r.id = b.room_id join adt_ward w on w.id = r.ward_id;
