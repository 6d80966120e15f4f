-- Every version of every imaging ServiceRequest (a requested procedure with its order and steps), for FHIR vread and
-- _history. imaging_request_row is the request as the order repository reads it (one row per step); a version keeps
-- those rows as they stood. Triggers keep the version a transaction leaves, when it commits, whatever wrote it (the
-- FHIR API, HL7 orders, the pages, MPPS from the modalities): a change of the procedure, of one of its steps or of
-- its order. A write that leaves the procedure's version as it was (a step moved to another station) replaces the
-- kept snapshot of that version, so that each kept version is the request as it last stood under that number.
create view imaging_request_row as
select o.id, o.placer_number, o.placer_application, o.patient_id, o.priority, o.status, o.ordered_by,
       o.reason, o.ordered_at, o.cancelled_by, o.cancel_reason, o.version,
       rp.id rp_id, rp.procedure_code, rp.accession_number, rp.requested_procedure_id,
       rp.study_instance_uid, rp.status rp_status, rp.version rp_version, rp.updated_at rp_updated,
       s.id s_id, s.step_id, s.modality, s.station_ae_title, s.station_name, s.start_at,
       s.duration_minutes, s.status s_status, s.performing_physician, s.appointment_id,
       s.mpps_instance_uid, s.version s_version
from imaging_order o
join imaging_requested_procedure rp on rp.order_id = o.id
join imaging_procedure_step s on s.requested_procedure_id = rp.id;

create table imaging_request_version (
    procedure_id  bigint      not null references imaging_requested_procedure (id),
    version       int         not null,
    patient_id    bigint      not null,
    snapshot      jsonb       not null,
    recorded_at   timestamptz not null,
    primary key (procedure_id, version)
);
create index imaging_request_version_recorded_idx on imaging_request_version (recorded_at);

create function imaging_request_keep_versions(procedures bigint[]) returns void language sql as $$
    insert into imaging_request_version (procedure_id, version, patient_id, snapshot, recorded_at)
    select r.rp_id, min(r.rp_version), min(r.patient_id), jsonb_agg(to_jsonb(r) order by r.s_id), min(r.rp_updated)
    from imaging_request_row r where r.rp_id = any(procedures)
    group by r.rp_id
    on conflict (procedure_id, version) do update set snapshot = excluded.snapshot,
        recorded_at = excluded.recorded_at;
$$;

-- What the database holds today becomes the version each request is at; earlier versions were never kept.
select imaging_request_keep_versions(array(select id from imaging_requested_procedure));

-- The version is kept when the writing transaction commits (deferred constraint triggers), from the request as the
-- transaction leaves it: a cancellation changes the steps and the order before or after it raises the procedure's
-- version, and the version it leaves behind must keep the request as it stood, not half cancelled.
create function imaging_request_version_of_row() returns trigger language plpgsql as $$
begin
    if tg_table_name = 'imaging_requested_procedure' then
        perform imaging_request_keep_versions(array[new.id]);
    elsif tg_table_name = 'imaging_procedure_step' then
        perform imaging_request_keep_versions(array[new.requested_procedure_id]);
    else
        perform imaging_request_keep_versions(
            array(select rp.id from imaging_requested_procedure rp where rp.order_id = new.id));
    end if;
    return null;
end $$;
create constraint trigger imaging_rp_version_kept after insert or update on imaging_requested_procedure
    deferrable initially deferred for each row execute function imaging_request_version_of_row();
create constraint trigger imaging_step_version_kept after insert or update on imaging_procedure_step
    deferrable initially deferred for each row execute function imaging_request_version_of_row();
create constraint trigger imaging_order_version_kept after update on imaging_order
    deferrable initially deferred for each row execute function imaging_request_version_of_row();
