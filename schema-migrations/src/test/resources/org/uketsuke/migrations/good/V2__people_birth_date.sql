alter table people add column birth_date text;
create index people_by_birth_date on people (birth_date);
