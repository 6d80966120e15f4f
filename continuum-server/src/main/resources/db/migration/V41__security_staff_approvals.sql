-- The two-person rule: an act on a privileged account (creating or re-enabling it, resetting its password or its
-- second factor) requested by one administrator and carried out only when another approves it before it expires.
-- A requested password is kept as its hash until the request is decided, then dropped.
create table staff_approval (
    id                       bigint generated always as identity primary key,
    act                      varchar(32)  not null,
    account_id               bigint       references app_user (id),
    username                 varchar(64)  not null,
    role                     varchar(32)  not null,
    family_name              varchar(100),
    given_name               varchar(100),
    prefix                   varchar(20),
    password_hash            varchar(200),
    password_change_required boolean      not null default true,
    requested_by             varchar(64)  not null,
    requested_at             timestamptz  not null,
    expires_at               timestamptz  not null,
    decision                 varchar(16),
    decided_by               varchar(64),
    decided_at               timestamptz,
    constraint staff_approval_act_ck check (act in ('CREATE_ACCOUNT', 'ENABLE_ACCOUNT', 'RESET_PASSWORD',
                                                    'RESET_SECOND_FACTOR')),
    constraint staff_approval_decision_ck check (decision in ('APPROVED', 'REJECTED', 'WITHDRAWN')),
    constraint staff_approval_decided_ck check ((decision is null) = (decided_by is null))
);

create index staff_approval_open on staff_approval (requested_at) where decision is null;
