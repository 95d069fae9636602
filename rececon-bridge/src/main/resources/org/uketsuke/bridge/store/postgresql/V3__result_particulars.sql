-- Every other element of the result (docs/rececon-integration.md, schema version 3): the card's kind and dates, names,
-- address, loss, the prescription-form choice, the certificate dates of the blocks, the consents and 医療扶助.
alter table qualification add column card_classification text;
alter table qualification add column insured_name text;
alter table qualification add column name_of_other text;
alter table qualification add column name_of_other_kana text;
alter table qualification add column sex2 text;
alter table qualification add column address text;
alter table qualification add column post_number text;
alter table qualification add column disqualification_date date;
alter table qualification add column reason_of_loss text;
alter table qualification add column certificate_issuance_date date;
alter table qualification add column card_valid_date date;
alter table qualification add column card_expiration_date date;
alter table qualification add column preschool_classification text;
alter table qualification add column prescription_issue_select text;
alter table qualification add column elderly_certificate_date date;
alter table qualification add column elderly_valid_start date;
alter table qualification add column elderly_valid_end date;
alter table qualification add column limit_certificate_date date;
alter table qualification add column limit_long_term_date date;
alter table specific_disease add column certificate_date date;

create table consent (
    idempotency_key text not null references qualification (idempotency_key),
    kind text not null,
    flag text not null,
    consent_time text,
    expiry text,
    primary key (idempotency_key, kind)
);

create table medical_ticket (
    idempotency_key text not null references qualification (idempotency_key),
    seq integer not null,
    ticket_kind text not null,
    payer_number text not null,
    recipient_number text not null,
    valid_start date,
    valid_end date,
    primary key (idempotency_key, seq)
);
