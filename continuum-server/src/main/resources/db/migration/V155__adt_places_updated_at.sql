-- When a ward, room or bed last changed (created, or a bed's status set): FHIR Location.meta.lastUpdated, which
-- _lastUpdated searches and sorts. A ward keeps its creation time; rooms and beds that existed before this column
-- count from the migration.
alter table adt_ward add column updated_at timestamptz;
update adt_ward set updated_at = created_at;
alter table adt_ward alter column updated_at set not null, alter column updated_at set default now();
alter table adt_room add column updated_at timestamptz not null default now();
alter table adt_bed add column updated_at timestamptz not null default now();

create or replace view adt_place as
select 'WARD' as kind, w.id, w.code, w.name, null::varchar as parent_kind, null::bigint as parent_id, w.service,
       null::varchar as bed_status, false as occupied, w.code as sort_key, null::integer as version,
       w.updated_at
from adt_ward w
union all
select 'ROOM', r.id, r.code, 'Room ' || r.code || ' (' || w.code || ')', 'WARD', w.id, w.service, null, false,
       w.code || '/' || r.code, null, r.updated_at
from adt_room r join adt_ward w on w.id = r.ward_id
union all
select 'BED', b.id, b.code, 'Bed ' || b.code || ' (' || w.code || ')', 'ROOM', r.id, w.service, b.status,
       exists (select 1 from adt_bed_assignment a where a.bed_id = b.id and a.ended_at is null),
       w.code || '/' || r.code || '/' || b.code, b.version, b.updated_at
from adt_bed b join adt_room r on r.id = b.room_id join adt_ward w on w.id = r.ward_id;
