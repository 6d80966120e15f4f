-- SMART App Launch 2.0 (docs/fhir.md, "SMART App Launch"): the apps an administrator registered, the EHR launches
-- made from the chart, the authorizations users granted (one per consent: what the app may do, for whom, until
-- when), their single-use authorization codes and their rotating refresh tokens. Every secret value (client
-- secret, launch, code, refresh token) is kept as its SHA-256 only: each is 256 random bits, so the hash cannot be
-- turned back into something to present.
create table smart_app (
    client_id     varchar(100) primary key,
    name          varchar(200) not null,
    redirect_uris text         not null,
    launch_url    text,
    scopes        text         not null,
    secret_hash   varchar(64),
    registered_at timestamptz  not null,
    registered_by varchar(100) not null
);

create table smart_launch (
    launch_hash varchar(64)  primary key,
    client_id   varchar(100) not null references smart_app (client_id) on delete cascade,
    username    varchar(100) not null,
    patient_id  varchar(64)  not null,
    expires_at  timestamptz  not null
);

create table smart_grant (
    id                  uuid         primary key,
    client_id           varchar(100) not null references smart_app (client_id) on delete cascade,
    username            varchar(100) not null,
    credentials_version integer      not null,
    scopes              text         not null,
    patient_id          varchar(64),
    session_hash        varchar(64),
    granted_at          timestamptz  not null,
    expires_at          timestamptz  not null,
    revoked_at          timestamptz,
    revoked_reason      varchar(200)
);
create index smart_grant_username_idx on smart_grant (username);

create table smart_authorization_code (
    code_hash      varchar(64) primary key,
    grant_id       uuid        not null references smart_grant (id) on delete cascade,
    redirect_uri   text        not null,
    code_challenge varchar(128) not null,
    expires_at     timestamptz not null,
    used_at        timestamptz
);

create table smart_refresh_token (
    token_hash varchar(64) primary key,
    grant_id   uuid        not null references smart_grant (id) on delete cascade,
    issued_at  timestamptz not null,
    used_at    timestamptz
);
create index smart_refresh_token_grant_idx on smart_refresh_token (grant_id);
