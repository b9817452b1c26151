package dev.custos.common.roster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds an {@code hr_roster.csv} for a test, line by line: well-formed employees with plausible
 * defaults, plus raw lines for the malformed rows a test wants rejected.
 */
public final class RosterCsv {

    public static final LocalDate DEFAULT_HIRED_ON = LocalDate.of(2015, 3, 2);

    private final List<String> lines = new ArrayList<>(List.of(String.join(",", RosterFile.LAYOUT.requiredColumns())));

    private RosterCsv() {
    }

    public static RosterCsv roster() {
        return new RosterCsv();
    }

    /** An {@code ACTIVE} employee of {@code role} without a departure date. */
    public RosterCsv active(String employeeId, String role) {
        return employee(employeeId, role, EmploymentStatus.ACTIVE, null);
    }

    /** A {@code DEPARTED} employee of {@code role} whose last day was {@code departedOn}. */
    public RosterCsv departed(String employeeId, String role, LocalDate departedOn) {
        return employee(employeeId, role, EmploymentStatus.DEPARTED, departedOn);
    }

    public RosterCsv employee(String employeeId, String role, EmploymentStatus status, LocalDate departedOn) {
        String name = "Name of " + employeeId;
        return line(employeeId, name, employeeId.toLowerCase() + "@example.com", "Operations", role, status.name(),
                DEFAULT_HIRED_ON.toString(), departedOn == null ? "" : departedOn.toString());
    }

    /** A line of its own, fields joined by commas as given (no quoting): for malformed rows. */
    public RosterCsv line(String... fields) {
        lines.add(String.join(",", fields));
        return this;
    }

    /** The number of data lines so far (the header excluded). */
    public int rows() {
        return lines.size() - 1;
    }

    /** Writes {@code hr_roster.csv} into {@code inbox}, replacing it. */
    public Path writeTo(Path inbox) {
        Path file = inbox.resolve(RosterFile.NAME);
        try {
            Files.createDirectories(inbox);
            Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
