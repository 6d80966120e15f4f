-- Name search reads only patient_name_token: each token carries its patient's sort key, and one covering index
-- answers a prefix (token like 'van%') with the patient and the key, so ranking never touches the patient table.
-- Tokens of a merged duplicate are removed, so the duplicate no longer turns up in name searches.
alter table patient_name_token add column sort_key varchar(600);
update patient_name_token t set sort_key = p.sort_key from patient p where p.id = t.patient_id;
alter table patient_name_token alter column sort_key set not null;
delete from patient_name_token t using patient p where p.id = t.patient_id and p.merged_into is not null;
drop index patient_name_token_prefix_idx;
create index patient_name_token_cover_idx on patient_name_token (token text_pattern_ops) include (patient_id, sort_key);
