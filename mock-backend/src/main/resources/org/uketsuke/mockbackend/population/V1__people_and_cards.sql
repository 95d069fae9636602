-- The generated people, the cards the test CA issued to them, 資格の切替 (the insurance before the current one) and
-- 照会番号. "if not exists": stores made before the migrator (user_version 0) already have these tables.
create table if not exists person (id integer primary key, insurer_number text not null,
    insurer_name text not null, symbol text not null, number text not null, branch text not null,
    name text not null, name_kana text not null, birthdate text not null, sex text not null,
    personal_family text not null, ratio integer not null, qualification_date text not null,
    lost integer not null default 0);
create table if not exists card (serial text primary key, person_id integer,
    kind text not null, cert blob not null, auth_key blob not null, pin text not null,
    revoked integer not null default 0);
create index if not exists card_person on card(person_id, kind);
create table if not exists previous_insurance (person_id integer primary key,
    insurer_number text not null, insurer_name text not null, symbol text not null,
    number text not null, branch text not null, qualification_date text not null,
    disqualification_date text not null);
create table if not exists reference_number (institution text not null,
    person_id integer not null, reference text not null, primary key (institution, person_id));
