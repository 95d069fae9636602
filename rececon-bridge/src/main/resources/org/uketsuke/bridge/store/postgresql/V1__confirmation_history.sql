-- One row per confirmation, keyed by the idempotency key: a redelivery (from any terminal) is ignored, never doubled.
create table qualification (
    idempotency_key text primary key,
    confirmed_at timestamptz not null,
    method text not null,
    insurer_number text not null,
    insurer_name text not null,
    symbol text not null,
    number text not null,
    branch text not null,
    name text not null,
    name_kana text not null,
    birthdate date not null,
    sex text not null,
    personal_family text not null,
    contribution_ratio text not null,
    processing_time text not null,
    result_xml text not null
);
