-- A population.db as the builds before the schema migrator left it (Population.open, pragma user_version 2): two
-- people, a registered card, an unregistered one, a revoked one, and a 照会番号.
create table person (id integer primary key, insurer_number text not null,
    insurer_name text not null, symbol text not null, number text not null, branch text not null,
    name text not null, name_kana text not null, birthdate text not null, sex text not null,
    personal_family text not null, ratio integer not null, qualification_date text not null,
    lost integer not null default 0);
create table card (serial text primary key, person_id integer,
    kind text not null, cert blob not null, auth_key blob not null, pin text not null,
    revoked integer not null default 0);
create index card_person on card(person_id, kind);
create table certificate (issuer text not null, serial text not null,
    revoked_at text, reason integer, primary key (issuer, serial));
create table previous_insurance (person_id integer primary key,
    insurer_number text not null, insurer_name text not null, symbol text not null,
    number text not null, branch text not null, qualification_date text not null,
    disqualification_date text not null);
create table insurance_use (serial text primary key, registered_at text not null);
create table reference_number (institution text not null,
    person_id integer not null, reference text not null, primary key (institution, person_id));
insert into person values (0, '01130012', '全国健康保険協会東京支部', '12345678', '1234567', '00', '佐藤　花子',
    'ｻﾄｳ ﾊﾅｺ', '1981-01-02', '2', '1', 30, '2020-04-01', 0);
insert into person values (1, '138123', '受付区国民健康保険', '受付12', '000123', '00', '鈴木　太郎',
    'ｽｽﾞｷ ﾀﾛｳ', '1950-05-06', '1', '1', 20, '2019-10-01', 1);
insert into card values ('a1', 0, 'valid', x'01', x'02', '1234', 0);
insert into card values ('b2', 0, 'unregistered', x'01', x'02', '1234', 0);
insert into card values ('c3', 1, 'valid', x'01', x'02', '1234', 1);
insert into certificate values ('jpki', 'a1', null, null);
insert into certificate values ('jpki', 'b2', null, null);
insert into certificate values ('jpki', 'c3', '2026-06-01T00:00:00Z', 1);
insert into insurance_use values ('a1', '2026-05-01T00:00:00Z');
insert into reference_number values ('1312345678', 0, 'K-0001');
