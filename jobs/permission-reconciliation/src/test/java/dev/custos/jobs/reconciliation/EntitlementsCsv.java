package dev.custos.jobs.reconciliation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds a {@code role_entitlements.csv} for a test, line by line. */
final class EntitlementsCsv {

    private final List<String> lines = new ArrayList<>(List.of("role,system,permission"));

    private EntitlementsCsv() {
    }

    static EntitlementsCsv entitlements() {
        return new EntitlementsCsv();
    }

    EntitlementsCsv allow(String role, String system, String permission) {
        return line(role, system, permission);
    }

    /** A line of its own, fields joined by commas as given: for malformed rows. */
    EntitlementsCsv line(String... fields) {
        lines.add(String.join(",", fields));
        return this;
    }

    int rows() {
        return lines.size() - 1;
    }

    Path writeTo(Path inbox) {
        Path file = inbox.resolve(ReconciliationInputs.ENTITLEMENTS);
        try {
            Files.createDirectories(inbox);
            Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
