-- FHIR Bulk Data exports ($export, bulkdata.ExportWorker): one row per export from its kick-off until its files are
-- removed (cancelled, or expired after continuum.bulkdata.retention). The cursor (last patient id done), the counts and
-- each file's committed length move forward together in the transaction that audits the page's patients, so a
-- restarted node resumes after the last page that committed and cuts each file back to its committed length.
create table bulk_export_job (
    id                 varchar(40)  primary key,
    client_id          varchar(100) not null,
    scopes             text[]       not null,
    level              varchar(10)  not null check (level in ('SYSTEM', 'PATIENT', 'GROUP')),
    group_id           varchar(80),
    members            bigint[],
    request_url        text         not null,
    resource_types     text[]       not null,
    since              timestamptz,
    type_filters       text[]       not null,
    include_restricted boolean      not null,
    status             varchar(12)  not null check (status in ('ACCEPTED', 'COMPLETED', 'FAILED', 'CANCELLED')),
    transaction_time   timestamptz  not null,
    cursor_patient     bigint       not null default 0,
    patients_done      integer      not null default 0,
    patients_total     integer      not null,
    failure            text,
    completed_at       timestamptz,
    expires_at         timestamptz
);
create index bulk_export_job_active_idx on bulk_export_job (transaction_time) where status = 'ACCEPTED';
create index bulk_export_job_client_idx on bulk_export_job (client_id);

-- Each file of an export as far as it has committed: one per resource type, and OperationOutcome for the error file.
create table bulk_export_file (
    job_id        varchar(40) not null references bulk_export_job (id) on delete cascade,
    resource_type varchar(64) not null,
    bytes         bigint      not null,
    resources     bigint      not null,
    primary key (job_id, resource_type)
);
