-- The web session's id (the SESSION cookie) is stored only as the hex SHA-256 of it: someone who reads this table
-- (a backup, the application's role) cannot take over a session. Sessions open at the upgrade carry on.
alter table spring_session alter column session_id type char(64)
    using encode(sha256(convert_to(rtrim(session_id), 'UTF8')), 'hex');
