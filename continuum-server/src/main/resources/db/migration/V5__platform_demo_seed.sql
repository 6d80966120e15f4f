-- Which parts of the demo hospital have been seeded, so that a restart never seeds twice.
create table demo_seed (
    name      varchar(64) primary key,
    patients  int         not null,
    seeded_at timestamptz not null default now()
);
