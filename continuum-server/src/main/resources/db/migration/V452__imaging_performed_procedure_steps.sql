-- Modality Performed Procedure Step instances (PS3.4 §F.7) as the MPPS SCP keeps them: the attributes last stored
-- (its state, a data set in Explicit VR Little Endian), the status, who sent it, and the scheduled procedure step it
-- performs; procedure_step_id is null for an unscheduled procedure (a modality performing what no worklist item
-- named), which is kept for the radiographers to reconcile and changes no step.
create table imaging_performed_step (
    sop_instance_uid   varchar(64)  primary key,
    procedure_step_id  bigint       references imaging_procedure_step (id),
    status             varchar(16)  not null,
    calling_ae_title   varchar(16)  not null,
    attributes         bytea        not null,
    created_at         timestamptz  not null,
    updated_at         timestamptz  not null,
    constraint imaging_pps_status_ck check (status in ('IN PROGRESS', 'COMPLETED', 'DISCONTINUED'))
);
create index imaging_pps_step_idx on imaging_performed_step (procedure_step_id);
