-- The transactional outbox of patient messages (continuum.notifications). A row is inserted in the transaction
-- that decided to notify, rendered in the patient's language, and delivered later by the dispatcher.
-- next_attempt_at is when the dispatcher should next look at the row: the due time of a pending or failed row,
-- the end of the lease of a row being sent (a row left in 'sending' by a killed server is claimed again then).
create table notification_outbox (
    id              bigint generated always as identity primary key,
    idempotency_key uuid         not null unique,
    patient_id      bigint       not null,
    channel         varchar(10)  check (channel in ('email', 'sms')),
    recipient       varchar(200),
    language        varchar(5)   not null,
    kind            varchar(40)  not null,
    reference       varchar(100) not null,
    subject         text,
    body            text,
    status          varchar(15)  not null
        check (status in ('pending', 'sending', 'sent', 'failed', 'dead', 'undeliverable')),
    attempts        integer      not null default 0,
    next_attempt_at timestamptz,
    last_error      varchar(100),
    sent_at         timestamptz,
    created_at      timestamptz  not null,
    updated_at      timestamptz  not null,
    check (status = 'undeliverable' or (channel is not null and recipient is not null and body is not null))
);

create index notification_outbox_due on notification_outbox (next_attempt_at, id)
    where status in ('pending', 'sending', 'failed');

create index notification_outbox_patient on notification_outbox (patient_id, id);
