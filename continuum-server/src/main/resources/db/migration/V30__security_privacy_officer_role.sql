-- The privacy officer's role (restricted records, break-the-glass review, access reports) joins the roles an account
-- may hold.
alter table app_user drop constraint app_user_role_ck;
alter table app_user add constraint app_user_role_ck check (role in ('PHYSICIAN','NURSE','LAB_TECHNOLOGIST','RADIOLOGIST',
                                                           'RADIOGRAPHER','SCHEDULER','ADMIN','AUDITOR','SYSTEM',
                                                           'IT_OPERATIONS','LAB_SPECIALIST','PRIVACY_OFFICER'));
