-- A condition is an entry of the problem list or a diagnosis made in an encounter (R4 condition-category). Every
-- condition held so far was a problem-list entry; the versions kept in clinical_history without a category read back
-- as one too.
alter table condition add column category varchar(30) not null default 'problem-list-item'
    constraint condition_category_ck check (category in ('problem-list-item', 'encounter-diagnosis'));
