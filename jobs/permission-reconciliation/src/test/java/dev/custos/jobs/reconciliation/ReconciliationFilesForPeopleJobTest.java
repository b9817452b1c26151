package dev.custos.jobs.reconciliation;

import static dev.custos.common.roster.RosterCsv.roster;
import static dev.custos.jobs.reconciliation.EntitlementsCsv.entitlements;
import static dev.custos.jobs.reconciliation.GrantsCsv.grants;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

/**
 * revocations.csv is opened by IAM staff in a spreadsheet: a cell an export begins with a formula
 * is written as text there, while the finding rows keep the value as the export had it.
 */
class ReconciliationFilesForPeopleJobTest extends ReconciliationJobTestSupport {

    private static final String MONTH = "2045-03";
    private static final LocalDate LONG_AGO = LocalDate.of(2040, 1, 1);
    private static final List<String> FORMULAS =
            List.of("=HYPERLINK(\"http://evil\",\"x\")", "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3");

    @Test
    void revocationListWritesFormulaCellsAsTextAndFindingRowsKeepTheRawValues() throws Exception {
        Path inbox = inbox("formulas");
        roster().active("E1", "Analyst").writeTo(inbox);
        entitlements().allow("Analyst", "CRM", "READ").writeTo(inbox);
        GrantsCsv grants = grants("access_grants_apps.csv");
        List<List<String>> expectedRaw = new ArrayList<>();
        for (int i = 0; i < FORMULAS.size(); i++) {
            String employee = FORMULAS.get(i);
            String system = FORMULAS.get((i + 1) % FORMULAS.size());
            String permission = FORMULAS.get((i + 2) % FORMULAS.size());
            grants.line(quoted(employee), quoted(system), quoted(permission), LONG_AGO.toString(), "");
            expectedRaw.add(List.of(upper(employee), upper(system), upper(permission)));
        }
        grants.writeTo(inbox);

        JobExecution execution = run(MONTH, inbox);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(publishedFindings(MONTH)).extracting(
                        row -> List.of(row.get("employee_id"), row.get("system"), row.get("permission")))
                .as("the results schema holds the values as imported")
                .containsExactlyInAnyOrderElementsOf(expectedRaw.stream().map(List::<Object>copyOf).toList());
        List<List<String>> revocations = records(outboxFile(MONTH, PermissionReconciliationPublication.REVOCATIONS_FILE));
        assertThat(revocations).as("every identifier cell starts with ' and then the raw value")
                .containsExactlyInAnyOrderElementsOf(expectedRaw.stream().map(raw -> List.of(
                        "'" + raw.get(0), "'" + raw.get(1), "'" + raw.get(2), "UNKNOWN_IDENTITY", "NEW")).toList());
    }

    private static String upper(String value) {
        return value.toUpperCase(Locale.ROOT);
    }

    /** An RFC 4180 field: the exports quote a value holding commas or quotes. */
    private static String quoted(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    private static List<List<String>> records(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file);
             CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
            return parser.stream().map(record -> record.toList()).toList();
        }
    }
}
