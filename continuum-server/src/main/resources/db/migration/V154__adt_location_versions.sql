-- Every version of every ward, room and bed (FHIR Location), for vread and _history. Wards and rooms get a version
-- counter as beds have; a write that changes a place without raising its version (anything but a bed's status
-- change, which raises it itself) raises it here, so that every change is a new version. A statement trigger keeps
-- the version of every place an insert or update leaves, as the Location view (adt_place) shows it, in the writing
-- transaction. Places have no time of their own: a version's time is that of the statement that wrote it.
alter table adt_ward add column version integer not null default 1;
alter table adt_room add column version integer not null default 1;

create or replace view adt_place as
select 'WARD' as kind, w.id, w.code, w.name, null::varchar as parent_kind, null::bigint as parent_id, w.service,
       null::varchar as bed_status, false as occupied, w.code as sort_key, w.version
from adt_ward w
union all
select 'ROOM', r.id, r.code, 'Room ' || r.code || ' (' || w.code || ')', 'WARD', w.id, w.service, null, false,
       w.code || '/' || r.code, r.version
from adt_room r join adt_ward w on w.id = r.ward_id
union all
select 'BED', b.id, b.code, 'Bed ' || b.code || ' (' || w.code || ')', 'ROOM', r.id, w.service, b.status,
       exists (select 1 from adt_bed_assignment a where a.bed_id = b.id and a.ended_at is null),
       w.code || '/' || r.code || '/' || b.code, b.version
from adt_bed b join adt_room r on r.id = b.room_id join adt_ward w on w.id = r.ward_id;

create table adt_location_version (
    kind         varchar(4)  not null,
    location_id  bigint      not null,
    version      int         not null,
    snapshot     jsonb       not null,
    recorded_at  timestamptz not null,
    primary key (kind, location_id, version),
    constraint adt_location_version_kind_ck check (kind in ('WARD', 'ROOM', 'BED'))
);
create index adt_location_version_recorded_idx on adt_location_version (recorded_at);

-- What the database holds today becomes the version each place is at; earlier versions were never kept.
insert into adt_location_version (kind, location_id, version, snapshot, recorded_at)
select p.kind, p.id, p.version, to_jsonb(p), statement_timestamp() from adt_place p;

create function adt_location_next_version() returns trigger language plpgsql as $$
begin
    if new.version = old.version and new is distinct from old then
        new.version := old.version + 1;
    end if;
    return new;
end $$;
create trigger adt_ward_next_version before update on adt_ward
    for each row execute function adt_location_next_version();
create trigger adt_room_next_version before update on adt_room
    for each row execute function adt_location_next_version();
create trigger adt_bed_next_version before update on adt_bed
    for each row execute function adt_location_next_version();

-- TG_ARGV[0]: the kind of place the table holds.
create function adt_location_keep_versions() returns trigger language plpgsql as $$
begin
    insert into adt_location_version (kind, location_id, version, snapshot, recorded_at)
    select p.kind, p.id, p.version, to_jsonb(p), statement_timestamp()
    from adt_place p where p.kind = TG_ARGV[0] and p.id in (select id from written)
    on conflict (kind, location_id, version) do update set snapshot = excluded.snapshot,
        recorded_at = excluded.recorded_at;
    return null;
end $$;
create trigger adt_ward_versions_inserted after insert on adt_ward referencing new table as written
    for each statement execute function adt_location_keep_versions('WARD');
create trigger adt_ward_versions_updated after update on adt_ward referencing new table as written
    for each statement execute function adt_location_keep_versions('WARD');
create trigger adt_room_versions_inserted after insert on adt_room referencing new table as written
    for each statement execute function adt_location_keep_versions('ROOM');
create trigger adt_room_versions_updated after update on adt_room referencing new table as written
    for each statement execute function adt_location_keep_versions('ROOM');
create trigger adt_bed_versions_inserted after insert on adt_bed referencing new table as written
    for each statement execute function adt_location_keep_versions('BED');
create trigger adt_bed_versions_updated after update on adt_bed referencing new table as written
    for each statement execute function adt_location_keep_versions('BED');
