-- A survivor's FHIR form links to every duplicate merged into it (link.type = replaces): find them by merged_into.
create index patient_merged_into_idx on patient (merged_into) where merged_into is not null;
