-- Leases of the background jobs that must run on one server node at a time (platform.JobLeases): one row per job,
-- naming the node that holds it and until when. Every time here is the database's clock, so all nodes judge expiry
-- by one clock. A released or expired lease keeps its last holder, so an operator sees who ran the job last.
create table job_lease (
    job          varchar(64)  primary key,
    holder       varchar(200) not null,
    acquired_at  timestamptz  not null,
    renewed_at   timestamptz  not null,
    expires_at   timestamptz  not null
);
