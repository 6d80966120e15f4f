-- Radiology (IHE Scheduled Workflow): the procedure catalogue, imaging orders, their requested procedures and the
-- scheduled procedure steps the modality worklist serves (DICOM PS3.3 §C.4.10–C.4.11, PS3.4 Annex K).
-- patient_id is the patients module's id; usernames are the security module's (modules never share tables).

create sequence imaging_placer_number_seq start with 200001;
create sequence imaging_accession_seq start with 10000001;

-- The procedures that can be ordered: code is the Requested Procedure Code (0032,1064) code value, in the coding
-- scheme named by coding_scheme; modality and body part are the defined terms of (0008,0060) and (0018,0015);
-- duration is what a booking takes on the modality's schedule.
create table imaging_procedure (
    code              varchar(16)  primary key,
    coding_scheme     varchar(16)  not null,
    display           varchar(64)  not null,
    modality          varchar(16)  not null,
    body_part         varchar(16)  not null,
    duration_minutes  int          not null,
    active            boolean      not null default true,
    constraint imaging_procedure_duration_ck check (duration_minutes between 5 and 480)
);

-- One order from a placer (the chart, a FHIR client, an HL7 OMI/ORM sender): placer_number is ORC-2, unique per
-- placer application; the order's requested procedures carry the filler side. status: ACTIVE, COMPLETED (every
-- procedure completed or discontinued), REVOKED (cancelled before it was performed).
create table imaging_order (
    id                 bigint generated always as identity primary key,
    placer_number      varchar(22)  not null,
    placer_application varchar(64)  not null,
    patient_id         bigint       not null,
    priority           varchar(8)   not null,
    status             varchar(10)  not null,
    ordered_by         varchar(64)  not null,
    reason             varchar(1000),
    ordered_at         timestamptz  not null,
    cancelled_by       varchar(64),
    cancel_reason      varchar(500),
    updated_at         timestamptz  not null,
    version            int          not null default 1,
    constraint imaging_order_placer_uq unique (placer_application, placer_number),
    constraint imaging_order_priority_ck check (priority in ('ROUTINE', 'URGENT', 'STAT')),
    constraint imaging_order_status_ck check (status in ('ACTIVE', 'COMPLETED', 'REVOKED'))
);
create index imaging_order_patient_idx on imaging_order (patient_id, ordered_at desc);
create index imaging_order_updated_idx on imaging_order (updated_at);

-- A requested procedure (PS3.3 §C.4.11): what the radiology department will do for one ordered procedure, with the
-- identifiers assigned at order time that every image of it carries: Accession Number (0008,0050), Requested
-- Procedure ID (0040,1001) and Study Instance UID (0020,000D). status: SCHEDULED, IN_PROGRESS, COMPLETED,
-- DISCONTINUED, CANCELLED.
create table imaging_requested_procedure (
    id                      bigint generated always as identity primary key,
    order_id                bigint       not null references imaging_order (id),
    patient_id              bigint       not null,
    procedure_code          varchar(16)  not null references imaging_procedure (code),
    accession_number        varchar(16)  not null unique,
    requested_procedure_id  varchar(16)  not null unique,
    study_instance_uid      varchar(64)  not null unique,
    status                  varchar(12)  not null,
    updated_at              timestamptz  not null,
    version                 int          not null default 1,
    constraint imaging_rp_status_ck check (status in
        ('SCHEDULED', 'IN_PROGRESS', 'COMPLETED', 'DISCONTINUED', 'CANCELLED'))
);
create index imaging_rp_order_idx on imaging_requested_procedure (order_id);
create index imaging_rp_patient_idx on imaging_requested_procedure (patient_id);

-- A scheduled procedure step (PS3.3 §C.4.10, the Scheduled Procedure Step Sequence item of a worklist entry):
-- where and when, on which modality and station; appointment_id is the scheduling module's appointment when the
-- step was booked on a modality's schedule. status follows MPPS (PS3.3 §C.4.14): SCHEDULED, IN_PROGRESS,
-- COMPLETED, DISCONTINUED; mpps_instance_uid is the MPPS instance that performed it.
create table imaging_procedure_step (
    id                      bigint generated always as identity primary key,
    requested_procedure_id  bigint       not null references imaging_requested_procedure (id),
    patient_id              bigint       not null,
    step_id                 varchar(16)  not null unique,
    modality                varchar(16)  not null,
    station_ae_title        varchar(16),
    station_name            varchar(16),
    start_at                timestamptz  not null,
    duration_minutes        int          not null,
    status                  varchar(12)  not null,
    performing_physician    varchar(64),
    appointment_id          bigint,
    mpps_instance_uid       varchar(64)  unique,
    updated_at              timestamptz  not null,
    version                 int          not null default 1,
    constraint imaging_sps_status_ck check (status in ('SCHEDULED', 'IN_PROGRESS', 'COMPLETED', 'DISCONTINUED'))
);
create index imaging_sps_rp_idx on imaging_procedure_step (requested_procedure_id);
create index imaging_sps_start_idx on imaging_procedure_step (start_at);
create index imaging_sps_station_idx on imaging_procedure_step (station_ae_title, start_at);
create index imaging_sps_modality_idx on imaging_procedure_step (modality, start_at);
