package dev.custos.jobs.rollup.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import dev.custos.common.period.Period;
import dev.custos.common.period.PeriodType;
import dev.custos.jobs.rollup.RollupInputs;

/**
 * Writes {@code audit_findings.csv} for a year Y as an audit tool exports it: the findings of the
 * audits of Y-1 (about 40 times the scale) and of Y (about a quarter fewer), each opened during its
 * year; most of Y-1's remediated within months (some only in Y, a few still open, some risks
 * accepted), many of Y's still open. Severity and status are written in mixed case, ids padded
 * here and there, and a few rows are malformed as real exports are: a repeated id in another
 * case, an unknown severity, a blank year, an impossible date and an OPEN finding with a
 * closing date.
 */
public final class AuditRollupSampleData {

    private static final String[] HEADER = RollupInputs.FINDINGS_LAYOUT.requiredColumns().toArray(String[]::new);
    private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();
    private static final List<String> CATEGORIES = List.of("Access control", "Backup and recovery",
            "Change management", "Data protection", "Logging and monitoring", "Vendor management",
            "Security awareness");
    private static final List<String> TITLES = List.of("Review of %s not evidenced", "%s procedure out of date",
            "Exceptions to %s policy not approved", "%s control not operating for part of the year",
            "Owner of %s not assigned");

    private AuditRollupSampleData() {
    }

    /** @return the data rows written (header excluded), malformed ones included */
    public static long write(Path dir, Period year, int scale, long seed) {
        if (year.type() != PeriodType.YEAR) {
            throw new IllegalArgumentException("audit findings sample data is written for a year, not '" + year + "'");
        }
        Path file = dir.resolve(RollupInputs.FINDINGS);
        SplittableRandom random = new SplittableRandom(seed);
        int y = year.start().getYear();
        try {
            Files.createDirectories(dir);
            try (CSVPrinter printer = CSV.builder().setHeader(HEADER).get()
                    .print(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
                long rows = audit(printer, random, y - 1, 40 * scale + random.nextInt(6), y);
                rows += audit(printer, random, y, 30 * scale + random.nextInt(4), y);
                return rows + malformed(printer, y);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static long audit(CSVPrinter printer, SplittableRandom random, int auditYear, int count, int year)
            throws IOException {
        LocalDate endOfYear = LocalDate.of(year, 12, 31);
        for (int n = 1; n <= count; n++) {
            String id = "AF-" + auditYear + "-" + String.format("%03d", n);
            LocalDate openedOn = LocalDate.of(auditYear, 1, 1).plusDays(random.nextInt(330));
            String severity = severity(random);
            String category = CATEGORIES.get(random.nextInt(CATEGORIES.size()));
            String title = TITLES.get(random.nextInt(TITLES.size())).formatted(category.toLowerCase());
            int fate = random.nextInt(100);
            String status;
            LocalDate closedOn = null;
            if (fate < (auditYear < year ? 12 : 45)) {
                status = "OPEN";
            } else if (fate < (auditYear < year ? 20 : 52)) {
                status = "ACCEPTED";
                closedOn = openedOn.plusDays(20 + random.nextInt(60));
            } else {
                status = "REMEDIATED";
                closedOn = openedOn.plusDays(7 + random.nextInt(auditYear < year ? 300 : 120));
            }
            if (closedOn != null && closedOn.isAfter(endOfYear)) {
                closedOn = endOfYear;
            }
            printer.printRecord(n % 9 == 0 ? " " + id.toLowerCase() + " " : id, auditYear, openedOn,
                    n % 4 == 0 ? severity.toLowerCase() : severity, category, title,
                    n % 5 == 0 ? status.toLowerCase() : status, closedOn == null ? "" : closedOn);
        }
        return count;
    }

    private static String severity(SplittableRandom random) {
        int roll = random.nextInt(100);
        return roll < 6 ? "CRITICAL" : roll < 28 ? "HIGH" : roll < 70 ? "MEDIUM" : "LOW";
    }

    private static long malformed(CSVPrinter printer, int year) throws IOException {
        List<List<String>> rows = List.of(
                List.of("af-" + year + "-001", String.valueOf(year), year + "-03-02", "HIGH", "Access control",
                        "Duplicate export of the first finding", "OPEN", ""),
                List.of("AF-" + year + "-901", String.valueOf(year), year + "-04-11", "SEVERE", "Data protection",
                        "Unclassified customer extract on a share", "OPEN", ""),
                List.of("AF-" + year + "-902", "", year + "-05-20", "MEDIUM", "Change management",
                        "Emergency change without review", "OPEN", ""),
                List.of("AF-" + year + "-903", String.valueOf(year), year + "-02-30", "LOW", "Vendor management",
                        "Vendor questionnaire missing", "REMEDIATED", year + "-06-01"),
                List.of("AF-" + year + "-904", String.valueOf(year), year + "-06-15", "MEDIUM", "Logging and monitoring",
                        "Log retention below policy", "OPEN", year + "-09-01"));
        for (List<String> row : rows) {
            printer.printRecord(row);
        }
        return rows.size();
    }
}
