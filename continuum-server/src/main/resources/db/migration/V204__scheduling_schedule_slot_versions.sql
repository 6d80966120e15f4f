-- Every version of every schedule and slot (a snapshot of its row), for FHIR vread and _history. The tables keep
-- their versions themselves: a statement trigger writes the version of every row an insert or update leaves, in the
-- writing transaction, whichever code path wrote it (the FHIR API, the pages, slot generation, bookings). A write
-- that leaves the version number as it was (slot generation moving a schedule's horizon) replaces the kept snapshot
-- of that version, so that each kept version is the row as it last stood under that number.
create table sched_schedule_version (
    schedule_id  bigint      not null references sched_schedule (id),
    version      int         not null,
    snapshot     jsonb       not null,
    recorded_at  timestamptz not null,
    primary key (schedule_id, version)
);
create index sched_schedule_version_recorded_idx on sched_schedule_version (recorded_at);

-- A free slot is deleted when its schedule's template changes and the slots are generated again: its versions stay,
-- and the deletion is kept as one more version (deleted, with the row as it was), at the time of the deleting
-- statement.
create table sched_slot_version (
    slot_id      bigint      not null,
    version      int         not null,
    snapshot     jsonb       not null,
    recorded_at  timestamptz not null,
    deleted      boolean     not null default false,
    primary key (slot_id, version)
);
create index sched_slot_version_recorded_idx on sched_slot_version (recorded_at);

-- What the database holds today becomes the version it is at: earlier versions were never kept, so they are not
-- invented.
insert into sched_schedule_version (schedule_id, version, snapshot, recorded_at)
select s.id, s.version, to_jsonb(s), s.updated_at from sched_schedule s;
insert into sched_slot_version (slot_id, version, snapshot, recorded_at)
select s.id, s.version, to_jsonb(s), s.updated_at from sched_slot s;

create function sched_schedule_keep_versions() returns trigger language plpgsql as $$
begin
    insert into sched_schedule_version (schedule_id, version, snapshot, recorded_at)
    select s.id, s.version, to_jsonb(s), s.updated_at from written s
    on conflict (schedule_id, version) do update set snapshot = excluded.snapshot, recorded_at = excluded.recorded_at;
    return null;
end $$;
create trigger sched_schedule_versions_inserted after insert on sched_schedule referencing new table as written
    for each statement execute function sched_schedule_keep_versions();
create trigger sched_schedule_versions_updated after update on sched_schedule referencing new table as written
    for each statement execute function sched_schedule_keep_versions();

create function sched_slot_keep_versions() returns trigger language plpgsql as $$
begin
    insert into sched_slot_version (slot_id, version, snapshot, recorded_at)
    select s.id, s.version, to_jsonb(s), s.updated_at from written s
    on conflict (slot_id, version) do update set snapshot = excluded.snapshot, recorded_at = excluded.recorded_at;
    return null;
end $$;
create trigger sched_slot_versions_inserted after insert on sched_slot referencing new table as written
    for each statement execute function sched_slot_keep_versions();
create trigger sched_slot_versions_updated after update on sched_slot referencing new table as written
    for each statement execute function sched_slot_keep_versions();

create function sched_slot_keep_deletions() returns trigger language plpgsql as $$
begin
    insert into sched_slot_version (slot_id, version, snapshot, recorded_at, deleted)
    select s.id, s.version + 1, to_jsonb(s), greatest(statement_timestamp(), s.updated_at), true from gone s
    on conflict (slot_id, version) do nothing;
    return null;
end $$;
create trigger sched_slot_versions_deleted after delete on sched_slot referencing old table as gone
    for each statement execute function sched_slot_keep_deletions();
