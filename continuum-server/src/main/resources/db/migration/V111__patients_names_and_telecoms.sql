-- Every name and every contact point of a patient (FHIR Patient.name, Patient.telecom) as JSON arrays, in the order
-- given, when there is more than the registration form holds (the registered name, a phone, an e-mail), which the
-- columns family_name, given_names, name_prefix, phone and email keep as before. Null: the columns are all there is.
alter table patient
    add column names    jsonb,
    add column telecoms jsonb;

-- Address.country as FHIR R4 has it: an ISO 3166 code of 2 or 3 letters (BE, NLD).
alter table patient alter column country type varchar(3);
