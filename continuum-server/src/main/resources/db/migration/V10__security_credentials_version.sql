-- A password change ends what the old password opened. Every API token carries the version of its account's
-- credentials at the time it was issued; a new password (set by an administrator or by the user) counts the version
-- up, so every node refuses the tokens issued before it. An account whose password an administrator chose (new, or
-- reset) must have its user choose their own at the next sign-in, before anything else: the administrator knows it.
alter table app_user
    add column credentials_version int     not null default 1,
    add column password_change_required boolean not null default false;
