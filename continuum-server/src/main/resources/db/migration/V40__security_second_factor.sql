-- A staff member's second factor at web sign-in: the authenticator's TOTP secret, sealed with AES-GCM under a key kept
-- outside the database (SecondFactorCipher), and the last time step whose code was accepted, so that no code is
-- accepted twice (RFC 6238 §5.2), on any node.
create table second_factor (
    account_id  bigint      primary key references app_user (id),
    secret      bytea       not null,
    last_step   bigint      not null,
    enrolled_at timestamptz not null
);

-- Single-use recovery codes, for a lost authenticator: only their SHA-256 hashes (each code has about 79 random bits).
create table recovery_code (
    account_id bigint      not null references app_user (id),
    code_hash  bytea       not null,
    used_at    timestamptz,
    primary key (account_id, code_hash)
);
