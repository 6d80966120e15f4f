-- Every version of every laboratory order, for FHIR vread and _history of its items (each item is a ServiceRequest,
-- whose version is its order's). A version keeps the order row, its items' rows and its specimens' rows (each with
-- the items it carries) as they stood. Triggers keep the version a transaction leaves, when it commits, whatever
-- wrote it (the FHIR API, HL7 orders, the pages, result release completing an item): a change of the order, of one
-- of its items, of one of its specimens or of which specimen carries which item. A write that leaves the order's
-- version as it was (a filler number assigned, an item completed while others are open) replaces the kept snapshot
-- of that version, so that each kept version is the order as it last stood under that number.
create table lab_order_version (
    order_id     bigint      not null references lab_order (id),
    version      int         not null,
    patient_id   bigint      not null,
    snapshot     jsonb       not null,
    recorded_at  timestamptz not null,
    primary key (order_id, version)
);
create index lab_order_version_recorded_idx on lab_order_version (recorded_at);

create function lab_order_keep_versions(orders bigint[]) returns void language sql as $$
    insert into lab_order_version (order_id, version, patient_id, snapshot, recorded_at)
    select o.id, o.version, o.patient_id,
           jsonb_build_object(
               'order', to_jsonb(o),
               'items', coalesce((select jsonb_agg(to_jsonb(i) order by i.id)
                                  from lab_order_item i where i.order_id = o.id), '[]'::jsonb),
               'specimens', coalesce((select jsonb_agg(to_jsonb(s) || jsonb_build_object('items',
                                          coalesce((select jsonb_agg(si.item_id order by si.item_id)
                                                    from lab_specimen_item si where si.accession = s.accession),
                                                   '[]'::jsonb))
                                          order by s.accession)
                                      from lab_specimen s where s.order_id = o.id), '[]'::jsonb)),
           greatest(o.updated_at, (select max(i.updated_at) from lab_order_item i where i.order_id = o.id))
    from lab_order o where o.id = any(orders)
    on conflict (order_id, version) do update set snapshot = excluded.snapshot, recorded_at = excluded.recorded_at;
$$;

-- What the database holds today becomes the version each order is at; earlier versions were never kept.
select lab_order_keep_versions(array(select id from lab_order));

-- The version is kept when the writing transaction commits (deferred constraint triggers), from the order as the
-- transaction leaves it: a cancellation changes the items before it raises the order's version, and the version it
-- leaves behind must keep the order as it stood, not half cancelled.
create function lab_order_version_of_row() returns trigger language plpgsql as $$
declare
    written record := case when tg_op = 'DELETE' then old else new end;
begin
    if tg_table_name = 'lab_order' then
        perform lab_order_keep_versions(array[written.id]);
    elsif tg_table_name = 'lab_specimen_item' then
        perform lab_order_keep_versions(
            array(select s.order_id from lab_specimen s where s.accession = written.accession));
    else
        perform lab_order_keep_versions(array[written.order_id]);
    end if;
    return null;
end $$;
create constraint trigger lab_order_version_kept after insert or update on lab_order
    deferrable initially deferred for each row execute function lab_order_version_of_row();
create constraint trigger lab_item_version_kept after insert or update on lab_order_item
    deferrable initially deferred for each row execute function lab_order_version_of_row();
create constraint trigger lab_specimen_version_kept after insert or update on lab_specimen
    deferrable initially deferred for each row execute function lab_order_version_of_row();
create constraint trigger lab_specimen_item_version_kept after insert or delete on lab_specimen_item
    deferrable initially deferred for each row execute function lab_order_version_of_row();
