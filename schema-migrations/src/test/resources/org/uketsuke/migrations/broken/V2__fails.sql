create table visits (id integer primary key);
insert into no_such_table values (1);
