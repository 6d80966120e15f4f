-- Laboratory orders (requisitions) and their items, specimens, results with their versions, critical-value alerts.
-- patient_id is the patients module's id; usernames are the security module's (modules never share tables).

create sequence lab_placer_number_seq start with 100001;
create sequence lab_accession_seq start with 1000000001;

-- One requisition from a clinician: placer_number is ORC-4 (placer group number) in OML^O21.
-- status: ACTIVE, COMPLETED (every item released or cancelled), REVOKED (cancelled before any result was released).
create table lab_order (
    id             bigint generated always as identity primary key,
    placer_number  varchar(22)  not null unique,
    patient_id     bigint       not null,
    priority       varchar(8)   not null,
    status         varchar(10)  not null,
    ordered_by     varchar(64)  not null,
    clinical_note  varchar(1000),
    ordered_at     timestamptz  not null,
    cancelled_by   varchar(64),
    cancel_reason  varchar(500),
    updated_at     timestamptz  not null,
    version        int          not null default 1,
    constraint lab_order_priority_ck check (priority in ('ROUTINE', 'URGENT', 'STAT')),
    constraint lab_order_status_ck check (status in ('ACTIVE', 'COMPLETED', 'REVOKED'))
);
create index lab_order_patient_idx on lab_order (patient_id, ordered_at desc);
create index lab_order_updated_idx on lab_order (updated_at);

-- One orderable of a requisition (a FHIR ServiceRequest, an ORC/OBR pair in HL7): placer_number is ORC-2
-- (<requisition>-<n>), filler_number ORC-3, assigned by the laboratory when the first specimen is received.
-- status: ACTIVE, COMPLETED, REVOKED.
create table lab_order_item (
    id              bigint generated always as identity primary key,
    order_id        bigint       not null references lab_order (id),
    orderable_code  varchar(16)  not null references lab_orderable (code),
    placer_number   varchar(26)  not null unique,
    filler_number   varchar(26)  unique,
    status          varchar(10)  not null,
    patient_id      bigint       not null,
    updated_at      timestamptz  not null,
    constraint lab_item_status_ck check (status in ('ACTIVE', 'COMPLETED', 'REVOKED'))
);
create index lab_order_item_order_idx on lab_order_item (order_id);
create index lab_order_item_patient_idx on lab_order_item (patient_id);

-- A specimen (one container): accession is its id and barcode (SPM-2, SAC-3). status: ORDERED (label printed,
-- not yet drawn), COLLECTED, RECEIVED (in the laboratory), REJECTED (with condition and reason; a recollection
-- specimen then points back through recollection_of).
create table lab_specimen (
    accession         varchar(16)  primary key,
    order_id          bigint       not null references lab_order (id),
    patient_id        bigint       not null,
    specimen_type     varchar(8)   not null,
    container         varchar(64)  not null,
    status            varchar(10)  not null,
    collected_by      varchar(64),
    collected_at      timestamptz,
    received_by       varchar(64),
    received_at       timestamptz,
    condition         varchar(16),
    rejection_reason  varchar(500),
    recollection_of   varchar(16)  references lab_specimen (accession),
    updated_at        timestamptz  not null,
    constraint lab_specimen_status_ck check (status in ('ORDERED', 'COLLECTED', 'RECEIVED', 'REJECTED')),
    constraint lab_specimen_condition_ck check (condition is null
        or condition in ('ACCEPTABLE', 'HAEMOLYSED', 'CLOTTED', 'INSUFFICIENT', 'MISLABELLED', 'CONTAMINATED'))
);
create index lab_specimen_order_idx on lab_specimen (order_id);
create index lab_specimen_patient_idx on lab_specimen (patient_id);

-- Which specimen carries which item's tests (an item whose specimen was rejected moves to the recollection).
create table lab_specimen_item (
    accession  varchar(16) not null references lab_specimen (accession),
    item_id    bigint      not null references lab_order_item (id),
    primary key (accession, item_id)
);
create index lab_specimen_item_item_idx on lab_specimen_item (item_id);

-- One test's result for one item (a FHIR Observation, an OBX). One row per (item, test): a repeated or
-- corrected value updates the row and keeps the previous one in lab_result_version.
-- result_status is OBX-11 (P preliminary, F final, C corrected); stage is the laboratory's own workflow:
-- ENTERED (from an analyzer or by hand), VERIFIED (technically, by a technologist), RELEASED (medically, by a
-- clinical biologist). Only RELEASED results reach the chart, FHIR and the change feed.
create table lab_result (
    id              bigint generated always as identity primary key,
    item_id         bigint        not null references lab_order_item (id),
    accession       varchar(16)   not null references lab_specimen (accession),
    patient_id      bigint        not null,
    test_code       varchar(16)   not null references lab_test (code),
    value_numeric   numeric,
    value_text      varchar(200),
    comparator      varchar(2),
    unit            varchar(32),
    reference_low   numeric,
    reference_high  numeric,
    reference_text  varchar(64),
    flag            varchar(2),
    critical        boolean       not null default false,
    method          varchar(100),
    analyzer        varchar(64),
    result_status   char(1)       not null,
    stage           varchar(10)   not null,
    observed_at     timestamptz   not null,
    entered_by      varchar(64)   not null,
    entered_at      timestamptz   not null,
    verified_by     varchar(64),
    verified_at     timestamptz,
    released_by     varchar(64),
    released_at     timestamptz,
    corrected       boolean       not null default false,
    version         int           not null default 1,
    updated_at      timestamptz   not null,
    constraint lab_result_item_test_uq unique (item_id, test_code),
    constraint lab_result_status_ck check (result_status in ('P', 'F', 'C')),
    constraint lab_result_stage_ck check (stage in ('ENTERED', 'VERIFIED', 'RELEASED')),
    constraint lab_result_flag_ck check (flag is null or flag in ('L', 'H', 'LL', 'HH', 'A', 'N')),
    constraint lab_result_value_ck check (value_numeric is not null or value_text is not null)
);
create index lab_result_patient_released_idx on lab_result (patient_id, test_code, observed_at) where stage = 'RELEASED';
create index lab_result_stage_idx on lab_result (stage, entered_at) where stage <> 'RELEASED';
create index lab_result_accession_idx on lab_result (accession);
create index lab_result_updated_idx on lab_result (updated_at);

-- Every version of a result as it was, with who changed it and why (a correction keeps its history).
create table lab_result_version (
    result_id   bigint       not null references lab_result (id),
    version     int          not null,
    snapshot    jsonb        not null,
    changed_by  varchar(64)  not null,
    changed_at  timestamptz  not null,
    reason      varchar(500),
    primary key (result_id, version)
);

-- A released critical value that a clinician must acknowledge: addressed to the ordering physician and, for an
-- inpatient, the ward; escalated (level + 1) when still unacknowledged at escalate_at.
create table lab_critical_alert (
    id                bigint generated always as identity primary key,
    result_id         bigint       not null references lab_result (id),
    patient_id        bigint       not null,
    physician         varchar(64)  not null,
    ward_code         varchar(32),
    raised_at         timestamptz  not null,
    escalate_at       timestamptz  not null,
    escalation_level  int          not null default 0,
    escalated_at      timestamptz,
    acknowledged_by   varchar(64),
    acknowledged_at   timestamptz,
    acknowledgement   varchar(500)
);
create index lab_alert_open_idx on lab_critical_alert (escalate_at) where acknowledged_at is null;
create index lab_alert_patient_idx on lab_critical_alert (patient_id);
create unique index lab_alert_open_result_uq on lab_critical_alert (result_id) where acknowledged_at is null;
