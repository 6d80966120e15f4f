-- The ATNA export to a syslog audit repository follows the chain: every linked row is sent in chain order, and
-- each destination remembers how far it was sent. Nothing is queued twice and nothing can be skipped: the chain is
-- the outbox.
create table audit_export (
    destination text        primary key,
    sent_up_to  bigint      not null,
    sent_at     timestamptz not null
);
