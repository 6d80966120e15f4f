-- Every verification of a backup (restored into a scratch directory and checked): when, how long, what was
-- checked, and the data-loss window it proves (the backup's restore point and the newest archived WAL that
-- decrypted after it). Continuity's backup probe reads the newest rows.
create table backup_verification (
  id           bigserial primary key,
  backup_id    text not null,
  started_at   timestamptz not null,
  duration_ms  bigint not null,
  succeeded    boolean not null,
  code         text,
  message      text,
  checks       text not null,
  backup_time  timestamptz,
  wal_through  timestamptz,
  wal_segment  text
);
create index backup_verification_started on backup_verification (started_at desc);
