-- API tokens are signed with ES256 (ECDSA P-256) by each server node under a private key kept in its own data
-- directory (secrets/token-signing-key.json, 0600), never in the database. The database holds only the public
-- halves, by key id (RFC 7638 thumbprint, the JWT header's "kid"), so that every node verifies every node's tokens
-- and /.well-known/jwks.json publishes them. A node signs with a key until signs_until (the rotation period after
-- created_at), then makes a new one; the row stays until the last token the key signed has expired.
create table token_public_key (
    kid         varchar(100) primary key,
    jwk         text         not null,
    created_at  timestamptz  not null,
    signs_until timestamptz  not null,
    node        varchar(200) not null
);
create index token_public_key_signs_until_idx on token_public_key (signs_until);

-- The HS256 secret the application's role could read: gone, and with it the tokens it signed (15 minutes at most).
drop table token_signing_key;
