-- System clients (SMART Backend Services, RFC 7523): a SYSTEM account that authenticates at /api/token with a JWT
-- signed under its own private key, whose public keys (a JWK Set, public members only) and scopes an administrator
-- registered. No password is involved.
create table system_client (
    client_id     varchar(100) primary key references app_user (username),
    jwks          text         not null,
    scopes        text         not null,
    registered_at timestamptz  not null,
    registered_by varchar(100) not null
);

-- The ids (jti) of the client assertions already used, until they expire: an assertion is good once, on any node.
create table client_assertion_jti (
    client_id  varchar(100) not null,
    jti        varchar(255) not null,
    expires_at timestamptz  not null,
    primary key (client_id, jti)
);
create index client_assertion_jti_expires_idx on client_assertion_jti (expires_at);
