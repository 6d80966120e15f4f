-- Patients: identity, demographics and merge links. The FHIR logical id is the decimal id; version counts updates
-- (FHIR versionId) and every version, current included, is kept in patient_history as a row snapshot.
create sequence patient_mrn_seq start with 1000000 maxvalue 9999999 no cycle;

create table patient (
    id             bigint generated always as identity primary key,
    mrn            varchar(16)  not null unique,
    version        int          not null default 1,
    family_name    varchar(200) not null,
    given_names    varchar(300),
    name_prefix    varchar(50),
    birth_date     date,
    gender         varchar(10)  not null,
    address_line   varchar(300),
    postal_code    varchar(20),
    city           varchar(100),
    country        varchar(2),
    phone          varchar(50),
    email          varchar(200),
    language       varchar(10),
    deceased       boolean      not null default false,
    merged_into    bigint references patient (id),
    sort_key       varchar(600) not null,
    created_at     timestamptz  not null,
    updated_at     timestamptz  not null,
    constraint patient_gender_ck check (gender in ('male', 'female', 'other', 'unknown')),
    constraint patient_not_self_merged_ck check (merged_into is null or merged_into <> id)
);
create index patient_birth_date_idx on patient (birth_date);
create index patient_sort_idx on patient (sort_key, id);

-- Every identifier of a patient, the MRN included; a (system, value) pair names at most one patient, which is what
-- makes conditional create safe under concurrent clients.
create table patient_identifier (
    id          bigint generated always as identity primary key,
    patient_id  bigint       not null references patient (id),
    system      varchar(300) not null,
    value       varchar(100) not null,
    constraint patient_identifier_uk unique (system, value)
);
create index patient_identifier_patient_idx on patient_identifier (patient_id);

-- Accent- and case-folded name tokens (see PatientNameTokens) for prefix search: kind F = family, G = given.
create table patient_name_token (
    patient_id  bigint      not null references patient (id),
    kind        char(1)     not null,
    token       varchar(200) not null,
    primary key (token, patient_id, kind)
);
create index patient_name_token_prefix_idx on patient_name_token (token text_pattern_ops, patient_id);
create index patient_name_token_patient_idx on patient_name_token (patient_id);

-- Each version of a patient as a snapshot of its row plus its identifiers.
create table patient_history (
    patient_id   bigint      not null references patient (id),
    version      int         not null,
    snapshot     jsonb       not null,
    identifiers  jsonb       not null,
    recorded_at  timestamptz not null,
    primary key (patient_id, version)
);
