-- The PACS index: one row per patient (as the objects name them), study, series and instance stored, with a column
-- for every query key of the Patient Root and Study Root information models (PS3.4 §C.6.1.1, §C.6.2.1) and of
-- QIDO-RS (PS3.18 §10.6), so that C-FIND and QIDO-RS are index queries. The objects themselves are files under the
-- data directory (instance.file_path, relative to it). Name columns keep the value as received (*_name) and an
-- upper-case, accent-free form for matching (*_name_match; PN matching is case- and accent-insensitive here, as
-- PS3.4 §C.2.2.2.1 allows).
-- patient_id is the patients module's id once an object is reconciled (null for objects of unknown patients,
-- which are kept); requested_procedure_id is the RIS's procedure the study was matched to by accession number.

-- The patient as the objects identify it: Patient ID (0010,0020) within Issuer of Patient ID (0010,0021).
create table pacs_patient (
    id                 bigint generated always as identity primary key,
    dicom_patient_id   varchar(64)  not null,
    issuer             varchar(64)  not null default '',
    patient_name       varchar(324),
    patient_name_match varchar(324),
    birth_date         date,
    sex                varchar(16),
    patient_id         bigint,
    updated_at         timestamptz  not null,
    constraint pacs_patient_uq unique (dicom_patient_id, issuer)
);
create index pacs_patient_name_idx on pacs_patient (patient_name_match text_pattern_ops);
create index pacs_patient_patient_idx on pacs_patient (patient_id);

-- status: RECONCILED (accession and patient agree with the RIS, or no accession and a known MRN), QUARANTINED
-- (a mismatch a radiographer or IT operator must resolve; its objects are stored and indexed, not served).
create table pacs_study (
    id                      bigint generated always as identity primary key,
    study_instance_uid      varchar(64)  not null unique,
    pacs_patient_id         bigint       not null references pacs_patient (id),
    patient_id              bigint,
    requested_procedure_id  bigint,
    study_date              date,
    study_time              time,
    accession_number        varchar(16),
    study_id                varchar(16),
    study_description       varchar(64),
    referring_physician     varchar(324),
    referring_physician_match varchar(324),
    modalities              varchar(16)[] not null default '{}',
    sop_classes             varchar(64)[] not null default '{}',
    series_count            int          not null default 0,
    instance_count          int          not null default 0,
    status                  varchar(12)  not null,
    created_at              timestamptz  not null,
    updated_at              timestamptz  not null,
    constraint pacs_study_status_ck check (status in ('RECONCILED', 'QUARANTINED'))
);
create index pacs_study_patient_idx on pacs_study (pacs_patient_id);
create index pacs_study_cpatient_idx on pacs_study (patient_id, study_date desc);
create index pacs_study_date_idx on pacs_study (study_date, study_time);
create index pacs_study_accession_idx on pacs_study (accession_number);
create index pacs_study_rp_idx on pacs_study (requested_procedure_id);
create index pacs_study_updated_idx on pacs_study (updated_at);

create table pacs_series (
    id                   bigint generated always as identity primary key,
    series_instance_uid  varchar(64)  not null unique,
    study_id             bigint       not null references pacs_study (id),
    modality             varchar(16),
    series_number        int,
    series_description   varchar(64),
    body_part            varchar(16),
    station_name         varchar(16),
    pps_start_date       date,
    pps_start_time       time,
    instance_count       int          not null default 0,
    updated_at           timestamptz  not null
);
create index pacs_series_study_idx on pacs_series (study_id, series_number);
create index pacs_series_modality_idx on pacs_series (modality);

-- file_path is relative to the data directory; file_size and sha256 are of the Part 10 file as stored (for
-- verification and backups). rows/columns/frames/bits_allocated let WADO-RS answer frames and /rendered without
-- opening the file first. source_ae is the calling AE title (or 'STOW-RS'), received_at the commit time.
create table pacs_instance (
    id                   bigint generated always as identity primary key,
    sop_instance_uid     varchar(64)  not null unique,
    series_id            bigint       not null references pacs_series (id),
    sop_class_uid        varchar(64)  not null,
    instance_number      int,
    transfer_syntax_uid  varchar(64)  not null,
    content_date         date,
    content_time         time,
    number_of_frames     int,
    rows                 int,
    columns              int,
    bits_allocated       int,
    file_path            varchar(512) not null,
    file_size            bigint       not null,
    sha256               bytea        not null,
    source_ae            varchar(16)  not null,
    received_at          timestamptz  not null
);
create index pacs_instance_series_idx on pacs_instance (series_id, instance_number);
