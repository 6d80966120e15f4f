-- Radiology reports: one report per requested procedure (one study), written by a radiologist. status follows the
-- life of a report: DRAFT (the radiologist's own, seen by radiologists only), PRELIMINARY (a provisional reading,
-- shown to clinicians marked as such), FINAL (signed by verified_by), AMENDED (a final report changed after
-- signing; signed again by its amender), ENTERED_IN_ERROR (withdrawn; kept, shown to nobody but radiologists).
-- version counts every write (optimistic concurrency); imaging_report_version keeps every version's text, status,
-- author and time, so that an amended report's earlier signed text is never lost.
-- patient_id is the patients module's id; usernames are the security module's.
create table imaging_report (
    id                      bigint generated always as identity primary key,
    requested_procedure_id  bigint        not null references imaging_requested_procedure (id),
    patient_id              bigint        not null,
    status                  varchar(16)   not null,
    findings                varchar(20000) not null default '',
    impression              varchar(4000) not null default '',
    author                  varchar(64)   not null,
    verified_by             varchar(64),
    verified_at             timestamptz,
    created_at              timestamptz   not null,
    updated_at              timestamptz   not null,
    version                 int           not null default 1,
    constraint imaging_report_rp_uq unique (requested_procedure_id),
    constraint imaging_report_status_ck check (status in
        ('DRAFT', 'PRELIMINARY', 'FINAL', 'AMENDED', 'ENTERED_IN_ERROR')),
    constraint imaging_report_signed_ck check (status not in ('FINAL', 'AMENDED')
        or (verified_by is not null and verified_at is not null))
);
create index imaging_report_patient_idx on imaging_report (patient_id);
create index imaging_report_updated_idx on imaging_report (updated_at);

create table imaging_report_version (
    report_id   bigint         not null references imaging_report (id),
    version     int            not null,
    status      varchar(16)    not null,
    findings    varchar(20000) not null,
    impression  varchar(4000)  not null,
    author      varchar(64)    not null,
    written_at  timestamptz    not null,
    reason      varchar(500),
    primary key (report_id, version)
);
