package dev.custos.jobs.rollup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import dev.custos.common.csv.CsvItemReader;
import dev.custos.common.csv.CsvLimits;
import dev.custos.common.csv.ParsedRow;

/**
 * An {@code audit_findings.csv} of one test, built row by row (header is line 1, the first row
 * line 2) and written as given, so a test puts blanks, odd case or malformed values where it
 * wants them; {@link #read} parses it with the job's own reader and mapper.
 */
final class FindingsCsv {

    private final List<String> lines = new ArrayList<>();

    static FindingsCsv create() {
        return new FindingsCsv();
    }

    /** A finding; {@code closedOn} "" for an open one. */
    FindingsCsv finding(String id, String year, String openedOn, String severity, String category, String status,
                        String closedOn) {
        return line(String.join(",", id, year, openedOn, severity, category, "Finding " + id.strip(), status, closedOn));
    }

    /** An OPEN finding of {@code year}, opened on 1 March. */
    FindingsCsv open(String id, int year, String severity) {
        return finding(id, String.valueOf(year), year + "-03-01", severity, "Access control", "OPEN", "");
    }

    /** {@code count} OPEN MEDIUM findings of {@code year}, ids {@code <prefix>1..n}. */
    FindingsCsv open(String prefix, int year, int count) {
        for (int n = 1; n <= count; n++) {
            open(prefix + n, year, "MEDIUM");
        }
        return this;
    }

    FindingsCsv line(String line) {
        lines.add(line);
        return this;
    }

    Path writeTo(Path inbox) {
        StringBuilder text = new StringBuilder(String.join(",", RollupInputs.FINDINGS_LAYOUT.requiredColumns()))
                .append('\n');
        lines.forEach(line -> text.append(line).append('\n'));
        try {
            Files.createDirectories(inbox);
            Files.writeString(inbox.resolve(RollupInputs.FINDINGS), text);
            return inbox;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every row as the job's import step sees it: accepted with its finding, or rejected with the reason. */
    List<ParsedRow<AuditFinding>> read(Path inbox) throws Exception {
        CsvItemReader<AuditFinding> reader = new CsvItemReader<>(writeTo(inbox), RollupInputs.FINDINGS_LAYOUT,
                RollupInputs::finding, CsvLimits.DEFAULTS);
        reader.open(new ExecutionContext());
        List<ParsedRow<AuditFinding>> rows = new ArrayList<>();
        for (ParsedRow<AuditFinding> row = reader.read(); row != null; row = reader.read()) {
            rows.add(row);
        }
        reader.close();
        return rows;
    }

    /** The accepted rows with their lines, in reading order. */
    static List<FindingsRollup.StagedFinding> accepted(List<ParsedRow<AuditFinding>> rows) {
        return rows.stream().filter(r -> r instanceof ParsedRow.Accepted<AuditFinding>)
                .map(r -> (ParsedRow.Accepted<AuditFinding>) r)
                .map(r -> new FindingsRollup.StagedFinding(r.file(), r.line(), r.value())).toList();
    }

    /** {@code line: reason} of every rejected row. */
    static List<String> rejected(List<ParsedRow<AuditFinding>> rows) {
        return rows.stream().filter(r -> r instanceof ParsedRow.Rejected<AuditFinding>)
                .map(r -> r.line() + ": " + ((ParsedRow.Rejected<AuditFinding>) r).reason()).toList();
    }
}
