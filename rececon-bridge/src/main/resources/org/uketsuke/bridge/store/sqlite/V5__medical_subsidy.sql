-- PMH 医療費助成 (docs/spec-notes/pmh.md, schema version 5): the answer to 「医療費助成の各種受給者証を利用しますか」
-- (0 not asked, 1 provided, 2 declined, 3 municipality not connected: paper 受給者証 needed) and the 受給者証 provided.
alter table qualification add column medical_subsidy_status text;

create table medical_subsidy (
    idempotency_key text not null references qualification (idempotency_key),
    seq integer not null,
    kind text not null,
    payer_number text not null,
    payer_checked integer not null,
    recipient_number text,
    municipality text,
    valid_start text not null,
    valid_end text,
    self_pay_per_visit integer,
    self_pay_monthly_limit integer,
    primary key (idempotency_key, seq)
);
