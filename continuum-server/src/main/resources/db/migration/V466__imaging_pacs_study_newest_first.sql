-- QIDO-RS lists the served studies newest first (order by study_date desc nulls last, study_time desc nulls last,
-- id desc, only status RECONCILED) and pages them with limit/offset. V460's pacs_study_date_idx is ascending with
-- nulls last, which no scan direction turns into that order, so a search with no key, or a key that matches many
-- studies, sorted every served study before it could return the first page (at 100,000 studies a page of the newest
-- 100 took half a second: docs/benchmarks.md, "Imaging: PACS against Orthanc"). This index is that order, over the
-- served studies only: a page is read off its head, and a date range is walked newest first.
create index pacs_study_served_newest_idx on pacs_study
    (study_date desc nulls last, study_time desc nulls last, id desc) where status = 'RECONCILED';
