-- When a staff account's practitioner record last changed (created, enabled or disabled): FHIR
-- Practitioner.meta.lastUpdated, which _lastUpdated searches and sorts.
alter table app_user add column updated_at timestamptz;
update app_user set updated_at = created_at;
alter table app_user alter column updated_at set not null, alter column updated_at set default now();
