-- The DICOM application entities the server's AE knows (PS3.8 §7.1.1.3): who may call it and what each may do, and
-- where C-MOVE sends to. With continuum.dicom.accept-unknown-callers=false (the default) a caller whose AE title is
-- not here is rejected at association (A-ASSOCIATE-RJ, calling AE title not recognized). host/port are where the
-- peer listens (needed for a move destination); tls: connect to it over DICOM TLS.
create table dicom_peer (
    ae_title          varchar(16)  primary key,
    host              varchar(253) not null,
    port              int          not null,
    tls               boolean      not null default false,
    may_store         boolean      not null default false,
    may_find          boolean      not null default false,
    may_retrieve      boolean      not null default false,
    may_worklist      boolean      not null default false,
    may_mpps          boolean      not null default false,
    may_commit        boolean      not null default false,
    move_destination  boolean      not null default false,
    description       varchar(64),
    updated_by        varchar(64)  not null,
    updated_at        timestamptz  not null,
    constraint dicom_peer_port_ck check (port between 1 and 65535),
    constraint dicom_peer_ae_ck check (ae_title ~ '^[\x20-\x5B\x5D-\x7E]{1,16}$' and btrim(ae_title) = ae_title
                                       and ae_title <> '')
);
