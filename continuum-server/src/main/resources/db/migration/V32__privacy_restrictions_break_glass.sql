-- Restricted patients' records and break-the-glass accesses (the privacy module; docs/security.md, "Restricted
-- patients and break-the-glass"). patient_id is the patients module's id (modules never share tables).

-- One row per restricted record: a VIP, a member of staff, or a sensitive record. Lifting the flag deletes the row;
-- who set and lifted it is in the audit log.
create table privacy_restriction (
    patient_id  bigint      primary key,
    kind        varchar(24) not null,
    set_by      varchar(64) not null,
    set_at      timestamptz not null,
    constraint privacy_restriction_kind_ck
        check (kind in ('VIP','STAFF_MEMBER','PSYCHIATRY','HIV','SEXUAL_HEALTH','OTHER_SENSITIVE'))
);

-- Every emergency access: who broke the glass on whose record, why, until when; and the privacy officer's review.
create table privacy_break_glass (
    id              bigint generated always as identity primary key,
    patient_id      bigint        not null,
    username        varchar(64)   not null,
    role            varchar(32)   not null,
    reason          varchar(32)   not null,
    explanation     varchar(500)  not null,
    started_at      timestamptz   not null,
    expires_at      timestamptz   not null,
    review          varchar(16),
    review_comment  varchar(1000),
    reviewed_by     varchar(64),
    reviewed_at     timestamptz,
    constraint privacy_break_glass_period_ck check (expires_at > started_at),
    constraint privacy_break_glass_review_ck check (review is null or review in ('JUSTIFIED','NOT_JUSTIFIED')),
    constraint privacy_break_glass_reviewed_ck
        check (review is null or (reviewed_by is not null and reviewed_at is not null))
);
create index privacy_break_glass_user_idx on privacy_break_glass (username, patient_id, expires_at);
create index privacy_break_glass_patient_idx on privacy_break_glass (patient_id, started_at);
create index privacy_break_glass_open_idx on privacy_break_glass (started_at) where review is null;
