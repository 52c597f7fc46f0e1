-- Joined municipalities (aangesloten gemeenten, Features/Municipalities): per edition, the municipalities the
-- programme office marked as joined. Types as in 0001: instants DATETIMEOFFSET in UTC, ids UNIQUEIDENTIFIER.
-- municipality_code: a CBS code of db/seed/gemeenten.csv. joined_by: the staff key's id (staff_keys.id) that saved the list.
-- The list is replaced as a whole; a row that stays keeps its joined_at and joined_by.
CREATE TABLE joined_municipalities (
    year              INT               NOT NULL,
    municipality_code NVARCHAR(6)       NOT NULL,
    joined_at         DATETIMEOFFSET(7) NOT NULL,
    joined_by         UNIQUEIDENTIFIER  NOT NULL,
    CONSTRAINT pk_joined_municipalities PRIMARY KEY (year, municipality_code)
);
