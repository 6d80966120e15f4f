-- Studies whose objects could not be matched to an order and a patient (reconciliation at ingest): why, and how an
-- operator resolved it. The study's objects stay stored and indexed (pacs_study.status = 'QUARANTINED') and are not
-- served by query/retrieve until resolved. reason: UNKNOWN_ACCESSION (no requested procedure has the Accession
-- Number), UNKNOWN_PATIENT (the Patient ID is no MRN), PATIENT_MISMATCH (the MRN's patient is not the order's),
-- INCONSISTENT_STUDY (an object names another patient or accession than the study's first). details names codes and
-- ids only, never patient data. resolution: ASSIGNED_ORDER, ASSIGNED_PATIENT, REJECTED (objects deleted);
-- study_id is cleared when a rejected study's rows are deleted, study_instance_uid keeps which study it was.
create table pacs_quarantine (
    id                  bigint generated always as identity primary key,
    study_id            bigint       unique references pacs_study (id) on delete set null,
    study_instance_uid  varchar(64)  not null,
    reason              varchar(20)  not null,
    details             varchar(500) not null,
    quarantined_at      timestamptz  not null,
    resolution          varchar(16),
    resolved_by         varchar(64),
    resolved_at         timestamptz,
    resolution_note     varchar(500),
    constraint pacs_quarantine_reason_ck check (reason in
        ('UNKNOWN_ACCESSION', 'UNKNOWN_PATIENT', 'PATIENT_MISMATCH', 'INCONSISTENT_STUDY')),
    constraint pacs_quarantine_resolution_ck check (resolution in ('ASSIGNED_ORDER', 'ASSIGNED_PATIENT', 'REJECTED')),
    constraint pacs_quarantine_resolved_ck check ((resolution is null) = (resolved_at is null))
);
create index pacs_quarantine_open_idx on pacs_quarantine (quarantined_at) where resolution is null;
