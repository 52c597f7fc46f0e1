-- AVG requests (Features/Privacy): the proof that an access or erasure request was handled, without what it erased.
-- Types as in 0001: ids uuid, instants timestamptz (UTC).
-- address_hash: HMAC-SHA256 (hex) of the address's comparison form under Privacy:RequestHashKey, never the address.
-- kind: access, erasure, signUpErasure, activityErasure. requested_by: the staff key's id; NULL for self-service.
-- counts: a JSON object of what was found or erased. Kept five years (README, retention job).
CREATE TABLE privacy_requests (
    id           uuid        NOT NULL PRIMARY KEY,
    address_hash text        NOT NULL,
    kind         text        NOT NULL,
    requested_by uuid        NULL,
    reason       text        NULL,
    counts       text        NOT NULL,
    requested_at timestamptz NOT NULL
);

CREATE INDEX ix_privacy_requests_address ON privacy_requests (address_hash, requested_at);
CREATE INDEX ix_privacy_requests_requested ON privacy_requests (requested_at);
