-- Joined municipalities (aangesloten gemeenten, Features/Municipalities): per edition, the municipalities the
-- programme office marked as joined. Types as in 0001: ids uuid, instants timestamptz (UTC).
-- municipality_code: a CBS code of db/seed/gemeenten.csv. joined_by: the staff key's id (staff_keys.id) that saved the list.
-- The list is replaced as a whole; a row that stays keeps its joined_at and joined_by.
CREATE TABLE joined_municipalities (
    year              integer     NOT NULL,
    municipality_code varchar(6)  NOT NULL,
    joined_at         timestamptz NOT NULL,
    joined_by         uuid        NOT NULL,
    PRIMARY KEY (year, municipality_code)
);
