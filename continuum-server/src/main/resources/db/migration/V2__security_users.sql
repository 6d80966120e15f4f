-- Staff accounts. A user is also the practitioner record of the person (FHIR Practitioner).
create table app_user (
    id               bigint generated always as identity primary key,
    username         varchar(64)  not null unique,
    password_hash    varchar(200) not null,
    role             varchar(32)  not null,
    family_name      varchar(100) not null,
    given_name       varchar(100) not null,
    prefix           varchar(20),
    enabled          boolean      not null default true,
    failed_attempts  int          not null default 0,
    locked_until     timestamptz,
    created_at       timestamptz  not null default now(),
    constraint app_user_role_ck check (role in ('PHYSICIAN','NURSE','LAB_TECHNOLOGIST','RADIOLOGIST','RADIOGRAPHER',
                                                 'SCHEDULER','ADMIN','AUDITOR','SYSTEM'))
);

-- Keys that sign API tokens; shared through the database so that every server node accepts every token.
create table token_signing_key (
    id         varchar(40) primary key,
    secret     bytea       not null,
    created_at timestamptz not null default now()
);
