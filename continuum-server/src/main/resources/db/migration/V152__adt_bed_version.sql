-- A bed's status is changed over FHIR with If-Match like any versioned resource: two clerks closing and reopening
-- the same bed at once must not silently overwrite each other. Wards and rooms do not change through the API and
-- carry no version.
alter table adt_bed add column version integer not null default 1;

create or replace view adt_place as
select 'WARD' as kind, w.id, w.code, w.name, null::varchar as parent_kind, null::bigint as parent_id, w.service,
       null::varchar as bed_status, false as occupied, w.code as sort_key, null::integer as version
from adt_ward w
union all
select 'ROOM', r.id, r.code, 'Room ' || r.code || ' (' || w.code || ')', 'WARD', w.id, w.service, null, false,
       w.code || '/' || r.code, null
from adt_room r join adt_ward w on w.id = r.ward_id
union all
select 'BED', b.id, b.code, 'Bed ' || b.code || ' (' || w.code || ')', 'ROOM', r.id, w.service, b.status,
       exists (select 1 from adt_bed_assignment a where a.bed_id = b.id and a.ended_at is null),
       w.code || '/' || r.code || '/' || b.code, b.version
from adt_bed b join adt_room r on r.id = b.room_id join adt_ward w on w.id = r.ward_id;
