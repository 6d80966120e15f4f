-- Every word after the most selective one is checked per candidate patient: (patient, token) answers
-- "has patient 42 a token starting with 'marie'?" from the index alone.
drop index patient_name_token_patient_idx;
create index patient_name_token_patient_token_idx on patient_name_token (patient_id, token text_pattern_ops);
