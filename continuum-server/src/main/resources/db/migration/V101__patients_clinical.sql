-- The clinical record: allergies and intolerances, medication statements, problems (conditions). Each row carries
-- its FHIR version; clinical_history keeps every version as a row snapshot. deleted_at marks a removed record (410).
create table allergy_intolerance (
    id                   bigint generated always as identity primary key,
    patient_id           bigint       not null references patient (id),
    version              int          not null default 1,
    code_system          varchar(300),
    code                 varchar(100),
    substance            varchar(300) not null,
    category             varchar(20),
    criticality          varchar(20),
    clinical_status      varchar(20)  not null,
    verification_status  varchar(20)  not null,
    reactions            varchar(1000),
    reaction_severity    varchar(20),
    recorded_date        date,
    deleted_at           timestamptz,
    updated_at           timestamptz  not null,
    constraint allergy_category_ck check (category in ('food', 'medication', 'environment', 'biologic')),
    constraint allergy_criticality_ck check (criticality in ('low', 'high', 'unable-to-assess')),
    constraint allergy_clinical_ck check (clinical_status in ('active', 'inactive', 'resolved')),
    constraint allergy_verification_ck check (verification_status in ('unconfirmed', 'confirmed', 'refuted',
                                                                      'entered-in-error')),
    constraint allergy_severity_ck check (reaction_severity in ('mild', 'moderate', 'severe'))
);
create index allergy_intolerance_patient_idx on allergy_intolerance (patient_id);

create table medication_statement (
    id              bigint generated always as identity primary key,
    patient_id      bigint       not null references patient (id),
    version         int          not null default 1,
    code_system     varchar(300),
    code            varchar(100),
    drug            varchar(300) not null,
    dose            varchar(100),
    route           varchar(100),
    frequency       varchar(100),
    status          varchar(20)  not null,
    period_start    date,
    period_end      date,
    deleted_at      timestamptz,
    updated_at      timestamptz  not null,
    constraint medication_status_ck check (status in ('active', 'completed', 'entered-in-error', 'intended',
                                                      'stopped', 'on-hold', 'unknown', 'not-taken')),
    constraint medication_period_ck check (period_end is null or period_start is null or period_end >= period_start)
);
create index medication_statement_patient_idx on medication_statement (patient_id);

create table condition (
    id                   bigint generated always as identity primary key,
    patient_id           bigint       not null references patient (id),
    version              int          not null default 1,
    code_system          varchar(300),
    code                 varchar(100),
    text                 varchar(300) not null,
    clinical_status      varchar(20)  not null,
    verification_status  varchar(20)  not null,
    onset_date           date,
    deleted_at           timestamptz,
    updated_at           timestamptz  not null,
    constraint condition_clinical_ck check (clinical_status in ('active', 'recurrence', 'relapse', 'inactive',
                                                                'remission', 'resolved')),
    constraint condition_verification_ck check (verification_status in ('unconfirmed', 'provisional',
                                                 'differential', 'confirmed', 'refuted', 'entered-in-error'))
);
create index condition_patient_idx on condition (patient_id);

create table clinical_history (
    resource_type  varchar(40) not null,
    resource_id    bigint      not null,
    version        int         not null,
    snapshot       jsonb       not null,
    recorded_at    timestamptz not null,
    primary key (resource_type, resource_id, version)
);
