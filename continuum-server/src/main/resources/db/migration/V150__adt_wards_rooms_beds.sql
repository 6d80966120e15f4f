-- The physical places patients lie in: wards (a nursing unit of one medical service), their rooms and beds.
create table adt_ward (
    id         bigint generated always as identity primary key,
    code       varchar(16)  not null unique,
    name       varchar(120) not null,
    service    varchar(24)  not null,
    created_at timestamptz  not null default now(),
    constraint adt_ward_service_ck check (service in ('CARDIOLOGY','GERIATRICS','INTENSIVE_CARE','MATERNITY',
        'PAEDIATRICS','SURGERY','EMERGENCY','INTERNAL_MEDICINE','NEUROLOGY','ORTHOPAEDICS','ONCOLOGY','PULMONOLOGY'))
);

create table adt_room (
    id      bigint generated always as identity primary key,
    ward_id bigint      not null references adt_ward (id),
    code    varchar(16) not null,
    constraint adt_room_code_uq unique (ward_id, code)
);

create table adt_bed (
    id      bigint generated always as identity primary key,
    room_id bigint      not null references adt_room (id),
    code    varchar(16) not null,
    status  varchar(16) not null default 'OPERATIONAL',
    constraint adt_bed_code_uq unique (room_id, code),
    constraint adt_bed_status_ck check (status in ('OPERATIONAL','CLOSED','HOUSEKEEPING'))
);
