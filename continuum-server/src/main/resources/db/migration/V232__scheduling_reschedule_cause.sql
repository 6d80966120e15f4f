-- Why a bulk rescheduling moves its appointments, as far as the patients' messages are concerned: ROUTINE, or
-- TECHNICAL_OUTAGE when continuity hands it the appointments an outage hit (the message then says so).
alter table sched_reschedule_batch
    add column cause varchar(20) not null default 'ROUTINE'
        constraint sched_reschedule_batch_cause_ck check (cause in ('ROUTINE', 'TECHNICAL_OUTAGE'));
