-- The inbound HL7 v2 messages (continuum.hl7), each stored with its raw bytes and committed before it is
-- acknowledged (docs/lab.md, "HL7 interface: transport and acknowledgements"). state: received (stored, not yet
-- processed: enhanced mode between its accept and application acknowledgements, or a crash between the two),
-- processed, quarantined (the handler refused it, or no handler takes its type: re-processable from the interface
-- monitor), rejected (unreadable, truncated, over-size, unsupported version or processing id: kept for the record).
-- A message already stored under the same sender and control id (MSH-3, MSH-4, MSH-10) is not processed again:
-- its stored response is sent again. Rejected messages do not count, so a corrected message may reuse the id.
create table hl7_message (
    id                   bigint generated always as identity primary key,
    link                 varchar(64)  not null,
    peer                 varchar(100),
    sending_application  varchar(200) not null default '',
    sending_facility     varchar(200) not null default '',
    control_id           varchar(200),
    message_type         varchar(40),
    accept_ack_type      varchar(2),
    application_ack_type varchar(2),
    received_at          timestamptz  not null,
    processed_at         timestamptz,
    raw                  bytea        not null,
    charset              varchar(40)  not null,
    state                varchar(12)  not null
        check (state in ('received', 'processed', 'quarantined', 'rejected')),
    ack_code             varchar(2),
    response             text,
    error_code           integer,
    error_text           varchar(500),
    error_location       varchar(100),
    patient_id           varchar(64),
    patient_identifier   varchar(200),
    attempts             integer      not null default 0
);

create unique index hl7_message_sender_control_id on hl7_message (sending_application, sending_facility, control_id)
    where state <> 'rejected' and control_id is not null;

create index hl7_message_link_received on hl7_message (link, received_at);

create index hl7_message_received on hl7_message (received_at);

create index hl7_message_waiting on hl7_message (link, state) where state in ('received', 'quarantined');

create index hl7_message_control_id on hl7_message (control_id);

create index hl7_message_patient on hl7_message (patient_id) where patient_id is not null;

create index hl7_message_patient_identifier on hl7_message (patient_identifier) where patient_identifier is not null;

-- The outbound queue (transactional outbox): a row is inserted in the transaction that decided to send it and sent
-- after commit by one node (job lease hl7-outbound), oldest first per ordering key, until the peer answers AA or CA;
-- never dropped. next_attempt_at is when a failed row is tried again (exponential backoff).
create table hl7_outbound (
    id              bigint generated always as identity primary key,
    link            varchar(64)  not null,
    ordering_key    varchar(200) not null,
    control_id      varchar(200),
    message_type    varchar(40),
    er7             text         not null,
    patient_id      varchar(64),
    state           varchar(8)   not null check (state in ('pending', 'sent')),
    created_at      timestamptz  not null,
    attempts        integer      not null default 0,
    next_attempt_at timestamptz  not null,
    last_attempt_at timestamptz,
    last_error      varchar(300),
    ack_code        varchar(2),
    sent_at         timestamptz
);

create index hl7_outbound_pending on hl7_outbound (link, ordering_key, id) where state = 'pending';

create index hl7_outbound_link_created on hl7_outbound (link, created_at);
