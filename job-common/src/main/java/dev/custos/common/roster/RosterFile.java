package dev.custos.common.roster;

import java.util.List;

import dev.custos.common.csv.CsvLayout;

/** The HR roster export: its file name and columns (DESIGN, "Input files"). */
public final class RosterFile {

    public static final String NAME = "hr_roster.csv";

    public static final CsvLayout LAYOUT = new CsvLayout(NAME,
            List.of("employee_id", "full_name", "email", "department", "role", "status", "hired_on", "departed_on"),
            List.of());

    private RosterFile() {
    }
}
