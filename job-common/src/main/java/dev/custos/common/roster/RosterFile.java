package dev.custos.common.roster;

import java.nio.file.Path;
import java.util.List;

import dev.custos.common.csv.CsvItemReader;
import dev.custos.common.csv.CsvLayout;
import dev.custos.common.csv.CsvLimits;

/** The HR roster export: its file name and columns (DESIGN, "Input files"), and how it is read. */
public final class RosterFile {

    public static final String NAME = "hr_roster.csv";

    public static final CsvLayout LAYOUT = new CsvLayout(NAME,
            List.of("employee_id", "full_name", "email", "department", "role", "status", "hired_on", "departed_on"),
            List.of());

    private RosterFile() {
    }

    /** Reads {@code hr_roster.csv} from {@code inbox} with the {@link RosterRowMapper}. */
    public static CsvItemReader<RosterEntry> reader(Path inbox, CsvLimits limits) {
        return new CsvItemReader<>(inbox, LAYOUT, new RosterRowMapper(), limits);
    }
}
