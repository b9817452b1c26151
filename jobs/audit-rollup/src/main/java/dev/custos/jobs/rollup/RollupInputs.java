package dev.custos.jobs.rollup;

import java.util.List;
import java.util.regex.Pattern;

import dev.custos.common.csv.CsvLayout;
import dev.custos.common.csv.CsvRow;
import dev.custos.common.csv.RejectedValue;
import dev.custos.common.csv.RowRejectedException;

/** {@code audit_findings.csv}: its columns and how a row becomes an {@link AuditFinding}. */
public final class RollupInputs {

    public static final String FINDINGS = "audit_findings.csv";
    public static final CsvLayout FINDINGS_LAYOUT = new CsvLayout(FINDINGS,
            List.of("finding_id", "audit_year", "opened_on", "severity", "category", "title", "status", "closed_on"),
            List.of());

    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    /** The staging columns' sizes: a longer field is a rejected row, not a failed run. */
    private static final int MAX_CATEGORY_LENGTH = 100;
    private static final int MAX_TITLE_LENGTH = 500;

    private RollupInputs() {
    }

    /**
     * Rejects a row without a valid year or date, with an unknown severity or status, or whose
     * dates contradict its status (an OPEN finding with a closing date, a closed one without, a
     * closing date before the opening). Severity and status are read ignoring case.
     */
    public static AuditFinding finding(CsvRow row) {
        String findingId = row.id("finding_id");
        int auditYear = year(row.required("audit_year"));
        var openedOn = row.date("opened_on");
        Severity severity = row.enumValue("severity", Severity.class);
        String category = row.required("category", MAX_CATEGORY_LENGTH);
        String title = row.optional("title", MAX_TITLE_LENGTH).orElse("");
        FindingStatus status = row.enumValue("status", FindingStatus.class);
        var closedOn = row.optionalDate("closed_on").orElse(null);
        if (status == FindingStatus.OPEN && closedOn != null) {
            throw new RowRejectedException("status OPEN with closed_on " + closedOn + " (blank closed_on, or status "
                    + "REMEDIATED or ACCEPTED)");
        }
        if (status != FindingStatus.OPEN && closedOn == null) {
            throw new RowRejectedException("status " + status + " without closed_on");
        }
        if (closedOn != null && closedOn.isBefore(openedOn)) {
            throw new RowRejectedException("closed_on " + closedOn + " is before opened_on " + openedOn);
        }
        return new AuditFinding(findingId, auditYear, openedOn, severity, category, title, status, closedOn);
    }

    private static int year(String text) {
        if (!YEAR.matcher(text).matches() || Integer.parseInt(text) < 1900) {
            throw new RowRejectedException("bad audit_year: " + RejectedValue.NUMBER.quote(text) + " (expected a year such as 2026)");
        }
        return Integer.parseInt(text);
    }
}
