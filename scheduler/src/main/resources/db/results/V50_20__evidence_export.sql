-- One row per period whose evidence bundle was exported. An export holds its period's row
-- (SELECT ... FOR UPDATE) from reading the versions the blob store keeps to storing its own, so two
-- exports of one period (two API calls, the command line beside serve, two nodes) make their versions
-- one after the other: never the same version twice, one overwriting the other's manifest.
CREATE TABLE evidence_export (
    period VARCHAR(10) NOT NULL,
    PRIMARY KEY (period)
);
