package dev.custos.jobs.reconciliation.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import dev.custos.common.period.Period;
import dev.custos.common.period.PeriodType;
import dev.custos.common.roster.RosterFile;
import dev.custos.jobs.reconciliation.Entitlement;
import dev.custos.jobs.reconciliation.ReconciliationInputs;

/**
 * Writes the input files of permission-reconciliation for one month: a roster, the 60-line policy
 * of {@link SampleCatalog} and four grant exports, shaped like real IAM exports (see
 * {@link SampleStaff}): about 3% of staff departed, a few hundred service and contractor accounts
 * unknown to HR, excess and dormant grants, grants repeated across exports (the directory lists
 * group-provisioned copies of application grants, lower-case) and within one.
 *
 * <p>The organisation (who works here, in which role, holding what) depends only on the
 * organisation seed, so consecutive months describe the same company: most findings persist,
 * some are resolved and some are new. The activity seed only moves the last use of grants in use.
 * Rows are streamed to the files; nothing is kept per employee once written.
 */
public final class ReconciliationSampleData {

    private static final String[] ROSTER_HEADER = RosterFile.LAYOUT.requiredColumns().toArray(String[]::new);
    private static final String[] ENTITLEMENTS_HEADER = {"role", "system", "permission"};
    private static final String[] GRANTS_HEADER = {"employee_id", "system", "permission", "granted_on", "last_used_on"};

    private static final int MALFORMED_ROSTER_ROWS = 5;

    /** RFC 4180 quoting with LF line ends. */
    private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();

    /**
     * How much to generate.
     *
     * @param grantRows the grant rows over the four exports, duplicates included (about ten per employee)
     */
    public record Sizes(int employees, long grantRows) {

        public Sizes {
            if (employees < 10 || grantRows < employees) {
                throw new IllegalArgumentException("sample sizes need at least 10 employees and as many grant rows,"
                        + " found " + employees + " and " + grantRows);
            }
        }

        /** Small enough to read: 300 employees, 3,000 grant rows. */
        public static Sizes demo() {
            return new Sizes(300, 3_000);
        }

        /** The benchmark's volume: 200,000 employees, 2,000,000 grant rows. */
        public static Sizes benchmark() {
            return new Sizes(200_000, 2_000_000);
        }
    }

    /** Where the files went and how many data rows (header excluded) each kind holds. */
    public record SampleFiles(Path roster, Path entitlements, List<Path> grants,
                              long rosterRows, long entitlementRows, long grantRows) {
    }

    private final Period month;
    private final Sizes sizes;
    private final long organisationSeed;
    private final long activitySeed;
    private final boolean malformedRows;

    private ReconciliationSampleData(Period month, Sizes sizes, long organisationSeed, long activitySeed,
                                     boolean malformedRows) {
        this.month = month;
        this.sizes = sizes;
        this.organisationSeed = organisationSeed;
        this.activitySeed = activitySeed;
        this.malformedRows = malformedRows;
    }

    /**
     * Writes {@code hr_roster.csv}, {@code role_entitlements.csv} and the four
     * {@code access_grants_*.csv} into {@code dir}, creating it when needed and replacing the files.
     *
     * @param malformedRows whether to mix in rows the importer must reject (for the demo; the
     *                      benchmark leaves them out)
     * @throws IllegalArgumentException when {@code month} is not a month
     * @throws UncheckedIOException     when a file cannot be written
     */
    public static SampleFiles write(Path dir, Period month, Sizes sizes, long organisationSeed, long activitySeed,
                                    boolean malformedRows) {
        if (month.type() != PeriodType.MONTH) {
            throw new IllegalArgumentException("reconciliation sample data is written for a month, not '" + month + "'");
        }
        try {
            return new ReconciliationSampleData(month, sizes, organisationSeed, activitySeed, malformedRows)
                    .writeFiles(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reconciliation sample files to " + dir, e);
        }
    }

    private SampleFiles writeFiles(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path entitlementsFile = dir.resolve(ReconciliationInputs.ENTITLEMENTS);
        long entitlementRows;
        try (CSVPrinter entitlements = open(entitlementsFile, ENTITLEMENTS_HEADER)) {
            entitlementRows = writeEntitlements(entitlements);
        }
        Path rosterFile = dir.resolve(RosterFile.NAME);
        Map<String, CSVPrinter> grants = new LinkedHashMap<>();
        try (CSVPrinter roster = open(rosterFile, ROSTER_HEADER)) {
            for (String file : SampleCatalog.GRANT_FILES) {
                grants.put(file, open(dir.resolve(file), GRANTS_HEADER));
            }
            RowCounts counts = writeStaff(roster, grants);
            return new SampleFiles(rosterFile, entitlementsFile, SampleCatalog.GRANT_FILES.stream().map(dir::resolve).toList(),
                    counts.roster(), entitlementRows, counts.grants());
        } finally {
            for (CSVPrinter printer : grants.values()) {
                printer.close(true);
            }
        }
    }

    /** The policy as a policy tool exports it: roles as HR writes them, systems in lower case. */
    private long writeEntitlements(CSVPrinter printer) throws IOException {
        long rows = 0;
        for (SampleCatalog.Role role : SampleCatalog.ROLES) {
            for (Entitlement entitlement : role.entitlements()) {
                printer.printRecord(role.name(), entitlement.system().toLowerCase(Locale.ROOT), entitlement.permission());
                rows++;
            }
        }
        if (malformedRows) {
            printer.printRecord("Software Engineer", "git", "");
            printer.printRecord("Support Agent", "crm");
            rows += 2;
        }
        return rows;
    }

    private record RowCounts(long roster, long grants) {
    }

    /** Writes each employee's roster row and grants, then the accounts unknown to HR. */
    private RowCounts writeStaff(CSVPrinter roster, Map<String, CSVPrinter> grants) throws IOException {
        int employees = sizes.employees();
        int accounts = SampleStaff.unknownAccounts(employees);
        long accountRows = SampleStaff.UNKNOWN_ACCOUNT_ROWS * (long) accounts;
        long rowsLeft = sizes.grantRows() - accountRows;
        SampleStaff staff = new SampleStaff(month, organisationSeed, activitySeed);
        long grantRows = 0;
        for (int index = 1; index <= employees; index++) {
            int budget = (int) Math.max(0, Math.round((double) rowsLeft / (employees - index + 1)));
            SampleStaff.Member member = staff.member(index, budget);
            roster.printRecord(member.rosterRow());
            for (SampleStaff.GrantRow row : member.grants()) {
                grants.get(row.file()).printRecord(row.fields());
            }
            rowsLeft -= member.grants().size();
            grantRows += member.grants().size();
            if (malformedRows && index == employees / 2) {
                grantRows += writeMalformed(roster, grants.get(SampleCatalog.BUSINESS_FILE));
            }
        }
        long leftForAccounts = accountRows + rowsLeft;
        for (int account = 1; account <= accounts; account++) {
            int budget = (int) (leftForAccounts / (accounts - account + 1));
            List<SampleStaff.GrantRow> rows = staff.unknownAccount(account, budget);
            for (SampleStaff.GrantRow row : rows) {
                grants.get(row.file()).printRecord(row.fields());
            }
            leftForAccounts -= rows.size();
            grantRows += rows.size();
        }
        return new RowCounts(employees + (malformedRows ? MALFORMED_ROSTER_ROWS : 0), grantRows);
    }

    /**
     * One row of each defect the importer must reject: an impossible date, an unknown status, a
     * blank id, a short row and a repeated id in the roster; an impossible grant date, a blank
     * employee, a short row, a long row and a last use that is no date among the grants.
     *
     * @return the grant rows written
     */
    private long writeMalformed(CSVPrinter roster, CSVPrinter grants) throws IOException {
        String hiredOn = month.end().minusYears(2).toString();
        String impossible = month.start().getYear() - 1 + "-02-30";
        roster.printRecord("E900001", "Dana Whitfield", "dana.whitfield@example.com", "Sales", "Sales Representative",
                "ACTIVE", impossible, "");
        roster.printRecord("E900002", "Sam Ortega", "sam.ortega@example.com", "Support", "Support Agent", "RETIRED",
                hiredOn, "");
        roster.printRecord("", "Lee Park", "lee.park@example.com", "Finance", "Finance Officer", "ACTIVE", hiredOn, "");
        roster.printRecord("E900004", "Chris Payne", "chris.payne@example.com", "Finance");
        roster.printRecord(SampleStaff.employeeId(1), "Kim Doe", "kim.doe@example.com", "HR", "HR Partner", "ACTIVE",
                hiredOn, "");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of(SampleStaff.employeeId(2), "CRM", "READ", month.start().getYear() + "-13-01", ""));
        rows.add(List.of("", "ERP", "READ", hiredOn, ""));
        rows.add(List.of(SampleStaff.employeeId(3), "CRM", "WRITE"));
        rows.add(List.of(SampleStaff.employeeId(3), "CRM", "WRITE", hiredOn, "", "primary"));
        rows.add(List.of(SampleStaff.employeeId(4), "ERP", "POST", hiredOn, "yesterday"));
        for (List<String> row : rows) {
            grants.printRecord(row);
        }
        return rows.size();
    }

    private static CSVPrinter open(Path file, String[] header) throws IOException {
        return CSV.builder().setHeader(header).get().print(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    }
}
