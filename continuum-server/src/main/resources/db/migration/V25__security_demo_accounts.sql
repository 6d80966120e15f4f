-- Demo accounts are flagged, so that the staff pages and the top bar show them as such and a start without the demo
-- hospital can tell that a data directory still holds accounts sharing the demo password. Accounts seeded before the
-- flag existed are the seeder's usernames in a database where the staff part of the demo hospital was seeded.
alter table app_user add column demo boolean not null default false;

update app_user set demo = true
where exists (select 1 from demo_seed where name = 'staff')
  and username in ('physician', 'nurse', 'labtech', 'labmed', 'radiologist', 'radiographer', 'scheduler', 'admin',
                   'auditor', 'itops', 'interface', 'physician2', 'physician3', 'physician4', 'nurse2', 'nurse3',
                   'nurse4');
