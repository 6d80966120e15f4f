-- The source addresses each account has signed in from successfully (IPv4 as it is, IPv6 by its /64): failed
-- sign-ins from these count towards the account's lockout; failures from anywhere else only towards the rate limits,
-- so that a stranger cannot lock an account out (security.SignInLimits; docs/security.md, "Abuse limits"). Rows
-- are written only by successful sign-ins, so guessing adds none.
create table app_user_known_address (
    user_id      bigint       not null references app_user (id),
    address      varchar(64)  not null,
    last_success timestamptz  not null,
    primary key (user_id, address)
);
