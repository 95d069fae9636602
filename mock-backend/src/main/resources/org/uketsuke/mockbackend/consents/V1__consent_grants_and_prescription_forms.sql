-- The consents recorded with each card confirmation and the prescription-form choice, per institution and person.
-- "if not exists": stores made before the migrator already have these tables.
create table if not exists consent_grant (institution text not null, person integer not null,
    category text not null, answer text not null, given_at text not null, expires_at text,
    scenario text not null, primary key (institution, person, category));
create table if not exists prescription_form (institution text not null,
    person integer not null, form text, recorded_at text not null,
    primary key (institution, person));
