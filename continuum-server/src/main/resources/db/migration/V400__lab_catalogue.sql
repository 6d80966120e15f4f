-- The laboratory's test catalogue: benches (and the analyzer on each), tests coded with LOINC, orderable panels,
-- and reference ranges by sex and age band with critical limits. Data, not code: a laboratory edits these rows.

-- A bench of the laboratory; analyzer is the HL7 application name (MSH-3) of the instrument or middleware on it,
-- null for a manual bench whose results are entered by hand.
create table lab_bench (
    code      varchar(16)  primary key,
    name      varchar(100) not null,
    analyzer  varchar(64)
);

-- One test (one result). code is the LOINC code; specimen_type is HL7 table 0487 (SER, BLD, PLAS, UR);
-- value_type is OBX-2 (NM numeric, ST text); unit is UCUM.
create table lab_test (
    code           varchar(16)  primary key,
    name           varchar(200) not null,
    short_name     varchar(40)  not null,
    specimen_type  varchar(8)   not null,
    container      varchar(64)  not null,
    value_type     varchar(2)   not null,
    unit           varchar(32),
    decimals       smallint,
    bench          varchar(16)  not null references lab_bench (code),
    method         varchar(100),
    sort_order     int          not null,
    constraint lab_test_value_type_ck check (value_type in ('NM', 'ST'))
);

-- What a clinician orders: a panel of tests, or a single test (a panel with one member named like the test).
create table lab_orderable (
    code        varchar(16)  primary key,
    name        varchar(200) not null,
    short_name  varchar(40)  not null,
    sort_order  int          not null
);

create table lab_orderable_test (
    orderable_code  varchar(16) not null references lab_orderable (code),
    test_code       varchar(16) not null references lab_test (code),
    position        smallint    not null,
    primary key (orderable_code, test_code)
);

-- sex null: any sex; age band [age_from_days, age_to_days); limits null where none applies.
create table lab_reference_range (
    id             bigint generated always as identity primary key,
    test_code      varchar(16) not null references lab_test (code),
    sex            varchar(8),
    age_from_days  int         not null default 0,
    age_to_days    int,
    low            numeric,
    high           numeric,
    critical_low   numeric,
    critical_high  numeric,
    normal_text    varchar(64),
    constraint lab_range_sex_ck check (sex is null or sex in ('male', 'female'))
);
create index lab_reference_range_test_idx on lab_reference_range (test_code);
