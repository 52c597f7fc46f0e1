-- AVG requests (Features/Privacy): the proof that an access or erasure request was handled, without what it erased.
-- Types as in 0001: instants DATETIMEOFFSET in UTC, ids UNIQUEIDENTIFIER.
-- address_hash: HMAC-SHA256 (hex) of the address's comparison form under Privacy:RequestHashKey, never the address.
-- kind: access, erasure, signUpErasure, activityErasure. requested_by: the staff key's id; NULL for self-service.
-- counts: a JSON object of what was found or erased. Kept five years (README, retention job).
CREATE TABLE privacy_requests (
    id           UNIQUEIDENTIFIER  NOT NULL PRIMARY KEY NONCLUSTERED,
    address_hash NVARCHAR(64)      NOT NULL,
    kind         NVARCHAR(32)      NOT NULL,
    requested_by UNIQUEIDENTIFIER  NULL,
    reason       NVARCHAR(1000)    NULL,
    counts       NVARCHAR(1000)    NOT NULL,
    requested_at DATETIMEOFFSET(7) NOT NULL
);

CREATE CLUSTERED INDEX ix_privacy_requests_address ON privacy_requests (address_hash, requested_at);
CREATE INDEX ix_privacy_requests_requested ON privacy_requests (requested_at);
