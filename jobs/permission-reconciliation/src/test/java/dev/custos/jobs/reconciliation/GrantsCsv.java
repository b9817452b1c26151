package dev.custos.jobs.reconciliation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Builds one {@code access_grants*.csv} export for a test, line by line. */
final class GrantsCsv {

    private final String fileName;
    private final List<String> lines = new ArrayList<>(List.of("employee_id,system,permission,granted_on,last_used_on"));

    private GrantsCsv(String fileName) {
        this.fileName = fileName;
    }

    /** @param fileName e.g. {@code access_grants_crm.csv} */
    static GrantsCsv grants(String fileName) {
        return new GrantsCsv(fileName);
    }

    /** A grant; {@code lastUsedOn} {@code null} for never used. */
    GrantsCsv grant(String employeeId, String system, String permission, LocalDate grantedOn, LocalDate lastUsedOn) {
        return line(employeeId, system, permission, grantedOn.toString(), lastUsedOn == null ? "" : lastUsedOn.toString());
    }

    /** A line of its own, fields joined by commas as given: for malformed rows. */
    GrantsCsv line(String... fields) {
        lines.add(String.join(",", fields));
        return this;
    }

    int rows() {
        return lines.size() - 1;
    }

    Path writeTo(Path inbox) {
        Path file = inbox.resolve(fileName);
        try {
            Files.createDirectories(inbox);
            Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
