-- Run by Flyway after every migration run, as the owner of the tables. The application's role (embedded database:
-- continuum_app) reads and writes the tables but owns none of them, so it can neither change their definition nor
-- disable their triggers; on the audit tables it may only add rows and read them, and the chainer may take entries
-- off the queue. Tables added by later migrations are covered by the next run. An external database without that
-- role is left as it is: it runs with the one user it is given.
do $$
begin
  if exists (select 1 from pg_roles where rolname = 'continuum_app') then
    grant usage on schema public to continuum_app;
    grant select, insert, update, delete on all tables in schema public to continuum_app;
    grant usage, select on all sequences in schema public to continuum_app;
    revoke update, delete, truncate on audit_log, audit_chain, audit_node_entry from continuum_app;
    revoke update, truncate on audit_pending from continuum_app;
    revoke all on flyway_schema_history from continuum_app;
    -- Keyed audit chain: the switch position is written once and never changed.
    revoke update, delete, truncate on audit_chain_key from continuum_app;
    -- ANALYZE after bulk loads (demo data); PostgreSQL 17 and later.
    if current_setting('server_version_num')::int >= 170000 then
      execute 'grant maintain on all tables in schema public to continuum_app';
    end if;
  end if;
end $$;
-- Token signing keys (docs/security.md, "Token signing keys and sessions"): the application's role adds a node's
-- new public key and removes expired ones, but never rewrites a key in place.
do $$
begin
  if exists (select 1 from pg_roles where rolname = 'continuum_app') then
    revoke update, truncate on token_public_key from continuum_app;
  end if;
end $$;
