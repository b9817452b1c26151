package dev.custos.jobs.keyrotation;

import java.time.LocalDate;

import dev.custos.common.csv.CsvLayout;
import dev.custos.common.csv.CsvRow;

/** One row of {@code key_inventory.csv}: a key and the day it was last rotated. */
record KeyRecord(String keyId, LocalDate rotatedOn) {

    static final String FILE = "key_inventory.csv";
    static final CsvLayout LAYOUT = CsvLayout.of(FILE, "key_id", "rotated_on");

    static KeyRecord of(CsvRow row) {
        return new KeyRecord(row.id("key_id"), row.date("rotated_on"));
    }
}
