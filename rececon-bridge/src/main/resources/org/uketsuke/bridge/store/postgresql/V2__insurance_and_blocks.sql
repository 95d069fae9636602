-- The optional blocks of each confirmation, and the patients' current insurance (upserted from the newest one).
alter table qualification add column reference_classification text not null default '1';
alter table qualification add column qualification_date date;
alter table qualification add column elderly_ratio text;
alter table qualification add column limit_classification text;
alter table qualification add column limit_category text;
alter table qualification add column limit_valid_start date;
alter table qualification add column reference_number text;
alter table qualification add column limit_valid_end date;

create table public_expense (
    idempotency_key text not null references qualification (idempotency_key),
    seq integer not null,
    payer_number text not null,
    recipient_number text not null,
    valid_start date,
    valid_end date,
    primary key (idempotency_key, seq)
);

create table specific_disease (
    idempotency_key text not null references qualification (idempotency_key),
    seq integer not null,
    disease_code text not null,
    valid_start date,
    valid_end date,
    self_pay_yen integer not null,
    primary key (idempotency_key, seq)
);

create table insurance (
    insurer_number text not null,
    symbol text not null,
    number text not null,
    branch text not null,
    birthdate date not null,
    name text not null,
    name_kana text not null,
    sex text not null,
    personal_family text not null,
    contribution_ratio text not null,
    insurer_name text not null,
    qualification_date date,
    elderly_ratio text,
    limit_category text,
    reference_number text,
    last_confirmed_at timestamptz not null,
    last_method text not null,
    last_idempotency_key text not null references qualification (idempotency_key),
    primary key (insurer_number, symbol, number, branch, birthdate)
);

create index qualification_by_insurance on qualification (insurer_number, symbol, number, branch);
create index qualification_by_confirmed_at on qualification (confirmed_at);
