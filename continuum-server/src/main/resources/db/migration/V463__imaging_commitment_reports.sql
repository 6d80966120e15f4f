-- Storage commitment reports (PS3.4 §J.3.3) the server's AE could not deliver on the requestor's association (it was
-- released) and has not yet delivered on a new one: kept until delivered, retried with backoff in the background
-- (imaging.dimse.CommitmentReportSender), deleted once the peer answers the N-EVENT-REPORT with Success.
-- event_information is the report's Event Information (Transaction UID, Referenced and Failed SOP Sequences) as a
-- data set in Explicit VR Little Endian; the counts are for the peers page. state 'failed': given up after
-- continuum.dicom.commitment.give-up-after, kept with its last error until an operator retries or it is deleted.
create table imaging_commitment_report (
    id               bigint       generated always as identity primary key,
    ae_title         varchar(16)  not null,
    transaction_uid  varchar(64)  not null,
    event_information bytea       not null,
    committed_count  int          not null,
    failed_count     int          not null,
    state            varchar(16)  not null default 'pending',
    attempts         int          not null default 0,
    created_at       timestamptz  not null,
    next_attempt_at  timestamptz  not null,
    last_attempt_at  timestamptz,
    last_error       varchar(300),
    constraint imaging_commitment_report_state_ck check (state in ('pending', 'failed'))
);

create index imaging_commitment_report_due on imaging_commitment_report (next_attempt_at) where state = 'pending';
