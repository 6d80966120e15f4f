-- Where a member of staff works: the ward they care on (its code) and their department (a ward's specialty or a
-- schedule's department, as named there). The rule for restricted patients' records reads it: a patient lying on
-- the user's ward, or in the user's department, is in their care.
create table staff_care_unit (
    user_id     bigint      primary key references app_user (id),
    ward_code   varchar(16),
    department  varchar(64),
    updated_at  timestamptz not null
);
