-- The downtime node's store. One table per resource type (each written by its RecordMapper), the feed position,
-- the log of applied changes (primary key on the position: a change is applied once), and the node's audit chain.
create table if not exists sync_state (
  id int primary key,
  feed_position bigint not null,
  loaded boolean not null,
  newest_change timestamp with time zone,
  current_through timestamp with time zone
);
insert into sync_state select 1, 0, false, null, null where not exists (select 1 from sync_state);
create table if not exists applied_change (
  seq bigint primary key,
  resource_type varchar(40) not null,
  resource_id varchar(64) not null,
  operation varchar(10) not null
);
create table if not exists patient (
  id varchar(64) primary key,
  mrn varchar(64),
  family_name varchar(200),
  given_names varchar(300),
  prefix varchar(50),
  birth_date date,
  gender varchar(20),
  deceased boolean,
  merged_into varchar(64),
  search_text varchar(1000)
);
-- The restriction of the patient's record (its kind: VIP, STAFF_MEMBER, PSYCHIATRY...), null when not restricted: the
-- viewer asks for a break-the-glass reason before it shows such a record.
alter table patient add column if not exists restricted varchar(24);
create table if not exists allergy (
  id varchar(64) primary key,
  patient_id varchar(64),
  code_system varchar(200),
  code varchar(64),
  substance varchar(300),
  category varchar(40),
  criticality varchar(40),
  clinical_status varchar(40),
  verification_status varchar(40),
  reactions varchar(1000),
  reaction_severity varchar(40),
  recorded_date varchar(40)
);
create index if not exists allergy_patient on allergy (patient_id);
create table if not exists medication (
  id varchar(64) primary key,
  patient_id varchar(64),
  code_system varchar(200),
  code varchar(64),
  drug varchar(300),
  dose varchar(200),
  route varchar(100),
  frequency varchar(200),
  status varchar(40),
  period_start varchar(40),
  period_end varchar(40)
);
create index if not exists medication_patient on medication (patient_id);
create table if not exists problem (
  id varchar(64) primary key,
  patient_id varchar(64),
  code_system varchar(200),
  code varchar(64),
  text varchar(500),
  clinical_status varchar(40),
  verification_status varchar(40),
  onset_date varchar(40)
);
create index if not exists problem_patient on problem (patient_id);
create table if not exists encounter (
  id varchar(64) primary key,
  patient_id varchar(64),
  status varchar(40),
  start_at timestamp with time zone,
  end_at timestamp with time zone,
  ward_id varchar(64),
  ward_code varchar(64),
  ward_name varchar(200),
  room_code varchar(64),
  bed_id varchar(64),
  bed_code varchar(64)
);
create index if not exists encounter_patient on encounter (patient_id);
create index if not exists encounter_ward on encounter (ward_id);
create table if not exists location (
  id varchar(64) primary key,
  kind varchar(10),
  code varchar(64),
  name varchar(200),
  ward_id varchar(64),
  status varchar(40)
);
create table if not exists appointment (
  id varchar(64) primary key,
  patient_id varchar(64),
  status varchar(40),
  start_at timestamp with time zone,
  end_at timestamp with time zone,
  schedule_id varchar(64),
  schedule_name varchar(200),
  appointment_type varchar(200),
  description varchar(500)
);
create index if not exists appointment_patient on appointment (patient_id);
-- Released laboratory results (Observation records); the viewer shows each test's newest.
create table if not exists lab_result (
  id varchar(64) primary key,
  patient_id varchar(64),
  code varchar(40),
  name varchar(200),
  result_value varchar(200),
  unit varchar(40),
  reference_range varchar(80),
  flag varchar(4),
  status varchar(20),
  effective_at timestamp with time zone,
  issued_at timestamp with time zone
);
create index if not exists lab_result_patient on lab_result (patient_id, code, effective_at);
-- Signed radiology reports (DiagnosticReport records, final or amended) with their text; the viewer lists a
-- patient's newest first.
create table if not exists imaging_report (
  id varchar(64) primary key,
  patient_id varchar(64),
  name varchar(200),
  modality varchar(16),
  accession varchar(32),
  status varchar(20),
  findings varchar(20000),
  impression varchar(4000),
  verified_by varchar(64),
  issued_at timestamp with time zone,
  effective_at timestamp with time zone
);
create index if not exists imaging_report_patient on imaging_report (patient_id, effective_at);
create table if not exists schedule (
  id varchar(64) primary key,
  name varchar(200),
  active boolean
);
create table if not exists slot (
  id varchar(64) primary key,
  schedule_id varchar(64),
  start_at timestamp with time zone,
  end_at timestamp with time zone,
  status varchar(40)
);
create table if not exists staff_account (
  id varchar(64) primary key,
  username varchar(100) not null,
  display_name varchar(200),
  role varchar(40),
  enabled boolean not null,
  password_hash varchar(200),
  credentials_version bigint,
  locked boolean not null,
  locked_until timestamp with time zone
);
create index if not exists staff_account_username on staff_account (username);
-- Whether the account is one of the demo hospital's, which share one password (null: not said by the server yet).
alter table staff_account add column if not exists demo boolean;
create table if not exists audit_entry (
  seq bigint primary key,
  at varchar(40) not null,
  username varchar(100),
  action varchar(20) not null,
  resource_type varchar(40),
  resource_id varchar(64),
  patient_id varchar(64),
  outcome varchar(10) not null,
  detail varchar(500),
  previous_hash char(64) not null,
  hash char(64) not null,
  shipped boolean not null default false
);
-- The reader's own words for a break-the-glass entry: shipped beside the entry for the privacy officer's review queue,
-- outside the chain's hash, never in the central log.
alter table audit_entry add column if not exists explanation varchar(500);

-- Signed checkpoints of the server's audit chain head (docs/security.md, "Keyed chain and checkpoints"), kept here,
-- off the server, so that the server's newest audit rows cannot be deleted unseen. The newest (highest position) is
-- the one verification asks for.
create table if not exists audit_checkpoint (
  position bigint primary key,
  checkpoint varchar(1000) not null,
  received_at varchar(40) not null
);
