package dev.custos.scheduler.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.custos.scheduler.CommandResult;
import dev.custos.scheduler.Installation;

/**
 * No name, e-mail or other row value reaches a message, a log, a table, a report or an evidence
 * bundle. Every input file of every control is fed a name ({@value #NAME}) and an e-mail
 * ({@value #EMAIL}) in every column: rows with them in coded columns (dates, enumerations,
 * numbers), shifted rows, rows with too few or too many fields, a repeated id that is an e-mail, a
 * field or record too long, a file without its header row, and ones that cannot be parsed. The jobs run through
 * the real command line, then {@code executions}, {@code restart}, {@code report} and {@code evidence}
 * (export and verify); every output is searched for the markers: stdout, stderr, the console, the
 * log file, the exit messages and reject reasons in the database, and every file in the outbox, the
 * blob store, the reports and the bundle. The files whose job is to list people ({@code gaps.csv},
 * {@code revocations.csv}) are the only ones left out, by name; {@code rejects.csv} may quote a
 * value only when it is short and coded.
 */
@Timeout(600)
class NoPersonalDataInOutputsTest {

    static final String NAME = "Zyxwv Qwertyuiop";
    static final String EMAIL = "zq.marker@example.com";
    /** What gives a marker away, compared ignoring case (ids are stored upper-case). */
    private static final List<String> TRACES = List.of("zyxwv", "qwertyuiop", "zq.marker", "marker@example");
    /** The files whose job is to list people: they name the employees (and the ids) they list. */
    private static final Set<String> LISTS_OF_PEOPLE = Set.of("gaps.csv", "revocations.csv");
    /** A value a reject reason quotes: short and coded (a date, a keyword, a number, an identifier). */
    private static final Pattern CODED = Pattern.compile("[A-Za-z0-9._:/+,-]{1,32}");
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

    private static final String TRAINING = "training-coverage";
    private static final String RECONCILIATION = "permission-reconciliation";
    private static final String ROLLUP = "audit-rollup";
    private static final String KEY_ROTATION = "key-rotation";
    private static final String FIFTH_CONTROL = "--custos.fifth-control.enabled=true";

    private static final String ROSTER_HEADER = "employee_id,full_name,email,department,role,status,hired_on,departed_on";
    private static final String ROSTER_ROWS = lines(
            "E1,Ann Lee,ann@corp.test,Sales,Rep,ACTIVE,2020-01-06,",
            "E2,Bob Roe,bob@corp.test,Sales,Rep,DEPARTED,2020-01-06,2025-06-30",
            every(8),
            "%2$s,%1$s,%2$s,%1$s,%2$s,ACTIVE,%1$s,%2$s",
            "E3,%1$s,%2$s,Sales,Rep,ACTIVE,2020-01-06,%1$s",
            "E4,%1$s,Sales,Rep,ACTIVE,2020-01-06,,",
            "E5,%1$s,%2$s,Sales,Rep,ACTIVE,2020-01-06",
            "E6,%1$s,%2$s,Sales,Rep,ACTIVE,2020-01-06,,%1$s",
            "%2$s,%1$s,%2$s,Sales,Rep,ACTIVE,2020-01-06,",
            "%2$s,%1$s,%2$s,Sales,Rep,ACTIVE,2020-01-06,",
            "E7," + (NAME + " ").repeat(20) + ",%2$s,Sales,Rep,ACTIVE,2020-01-06,",
            "E8,%1$s,%2$s," + (NAME + " ").repeat(10) + ",Rep,ACTIVE,2020-01-06,");
    private static final String ROSTER = ROSTER_HEADER + "\n" + ROSTER_ROWS;

    @TempDir
    static Path dir;

    static Installation installation;
    static final Map<String, CommandResult> commands = new LinkedHashMap<>();
    static Path reportFiles;
    static Path bundle;
    static Path zippedBundle;

    @BeforeAll
    static void runEveryControlOnInputsFullOfNamesAndEmails() throws IOException {
        installation = Installation.create(NoPersonalDataInOutputsTest.class, dir.resolve("custos"));

        run(TRAINING, "2025-Q3", Map.of(
                "hr_roster.csv", ROSTER,
                "training_requirements.csv", "course_id,title,audience\n" + lines(
                        "SEC,Security basics,ALL",
                        every(3),
                        "%2$s;X,Title,ALL",
                        "CRM,Title,%1$s",
                        "ERP," + (NAME + " ").repeat(20) + ",ALL",
                        "GDPR,Privacy,department:Sales"),
                "training_completions.csv", "employee_id,course_id,completed_on,score\n" + lines(
                        "E1,SEC,2025-08-01,90",
                        every(4),
                        "E1,SEC,%2$s,90",
                        "E1,GDPR,2025-08-01,%1$s",
                        "E1,%1$s,2025-08-01,")));
        run(TRAINING, "2025-Q2", Map.of(
                "hr_roster.csv", ROSTER_ROWS,
                "training_requirements.csv", "course_id,title,audience\nSEC,Security basics,ALL\n",
                "training_completions.csv", "employee_id,course_id,completed_on,score\nE1,SEC,2025-05-01,90\n"));
        run(TRAINING, "2025-Q1", Map.of(
                "hr_roster.csv", ROSTER,
                "training_requirements.csv", "course_id,title,audience\nSEC,Security basics,ALL\n",
                "training_completions.csv", "employee_id,course_id,completed_on,score\n" + lines(
                        "E1,SEC,2025-02-01,90",
                        "E1,\"SEC\"%1$s,2025-02-01,90",
                        "E1,SEC,2025-02-02,\"%2$s")));

        run(RECONCILIATION, "2025-09", Map.of(
                "hr_roster.csv", ROSTER,
                "role_entitlements.csv", "role,system,permission\n" + lines(
                        "Rep,CRM,READ",
                        every(3),
                        "%2$s,%1$s"),
                "access_grants_main.csv", "employee_id,system,permission,granted_on,last_used_on\n" + lines(
                        "E1,CRM,READ,2020-01-06,2025-09-01",
                        "E2,CRM,READ,2020-01-06,2025-09-01",
                        every(5),
                        "E1,CRM,READ,2020-01-06,%2$s",
                        "%2$s,CRM,READ,2020-01-06,2025-09-01",
                        "E1,%1$s,%2$s,2020-01-06,2025-09-01")));
        run(RECONCILIATION, "2025-08", Map.of(
                "hr_roster.csv", ROSTER,
                "role_entitlements.csv", "role,system,permission\nRep,CRM,READ\n",
                "access_grants_main.csv", lines("%2$s,CRM,READ,2020-01-06,%1$s", "E1,CRM,READ,2020-01-06,2025-08-01")));
        run(RECONCILIATION, "2025-07", Map.of(
                "hr_roster.csv", ROSTER,
                "role_entitlements.csv", "role,system,permission\nRep,CRM,READ\n",
                "access_grants_main.csv", "employee_id,system,permission,granted_on,last_used_on\n" + lines(
                        "E1,CRM,READ,2020-01-06,2025-07-01",
                        "E1,CRM,%1$s %1$s,2020-01-06,2025-07-01")),
                "--custos.csv.max-field-chars=30");
        run(RECONCILIATION, "2025-06", Map.of(
                "hr_roster.csv", ROSTER_HEADER + "\nE1,Ann Lee,ann@corp.test,Sales,Rep,ACTIVE,2020-01-06,\n",
                "role_entitlements.csv", "role,system,permission\nRep,CRM,READ\n",
                "access_grants_main.csv", "employee_id,system,permission,granted_on,last_used_on\n" + lines(
                        "E1,CRM,READ,2020-01-06,2025-06-01",
                        "E1,CRM,READ,2020-01-06,\"" + (EMAIL + " ").repeat(30) + "\"")),
                "--custos.csv.max-field-chars=100", "--custos.csv.max-record-chars=200");

        run(ROLLUP, "2025", Map.of("audit_findings.csv",
                "finding_id,audit_year,opened_on,severity,category,title,status,closed_on\n" + lines(
                        "AF-1,2025,2025-02-01,HIGH,Access control,Quarterly review,OPEN,",
                        "AF-2,2024,2024-02-01,LOW,Access control,Old finding,REMEDIATED,2024-03-01",
                        "AF-3,2025,2025-03-01,MEDIUM,Access control,Review of %1$s (%2$s),OPEN,",
                        every(8),
                        "AF-4,2025,%2$s,HIGH,Access control,t,OPEN,",
                        "AF-5,2025,2025-02-01,%1$s,Access control,t,OPEN,",
                        "AF-6,2025,2025-02-01,HIGH,Access control,t,%2$s,",
                        "AF-7,2025,2025-02-01,HIGH,Access control,t,REMEDIATED,%1$s",
                        "AF-8,%2$s,2025-02-01,HIGH,Access control,t,OPEN,",
                        "%2$s,2025,2025-02-01,HIGH,Access control,t,OPEN,",
                        "%2$s,2025,2025-02-01,HIGH,Access control,t,OPEN,")));
        run(ROLLUP, "2024", Map.of("audit_findings.csv", lines(every(8), "AF-2,2024,2024-02-01,LOW,Access,Old,OPEN,")));

        run(KEY_ROTATION, "2025-09", Map.of("key_inventory.csv", "key_id,rotated_on\n" + lines(
                "K-1,2025-09-01", every(2), "K-2,%2$s")));
        run(KEY_ROTATION, "2025-08", Map.of("key_inventory.csv", lines(every(2), "K-1,2025-08-01")));
        run(KEY_ROTATION, "2025-07", Map.of("key_inventory.csv", "key_id,rotated_on\n" + lines(
                "K-1,2025-07-01", "K-2,\"%1$s", "%2$s,2025-07-02")));

        command("executions", "executions", "--limit", "0");
        for (String job : List.of(TRAINING, RECONCILIATION, ROLLUP, KEY_ROTATION)) {
            command("executions " + job, "executions", "--job", job);
        }
        installation.runs(TRAINING).stream().filter(run -> run.status().equals("FAILED")).findFirst()
                .ifPresent(failed -> command("restart", "restart", String.valueOf(failed.executionId())));

        reportFiles = Files.createDirectories(dir.resolve("reports"));
        command("report md", "report", "--period", "2025", "--format", "md", "--out",
                reportFiles.resolve("2025.md").toString());
        command("report html", "report", "--period", "2025", "--out", reportFiles.resolve("2025.html").toString());
        command("report quarter", "report", "--period", "2025-Q3", "--format", "md", "--out",
                reportFiles.resolve("2025-Q3.md").toString());
        Path signingKey = Files.createDirectories(dir.resolve("keys")).resolve("evidence-signing-key.pem");
        command("evidence key create", "evidence", "key", "create", signingKey.toString());
        String signing = "--custos.evidence.signing-key=" + signingKey;
        bundle = dir.resolve("bundle-2025");
        command("evidence", "evidence", "--period", "2025", "--out", bundle.toString(), signing);
        command("evidence verify", "evidence", "verify", bundle.toString(), signing);
        zippedBundle = dir.resolve("bundle-2025-Q3.zip");
        command("evidence zip", "evidence", "--period", "2025-Q3", "--out", zippedBundle.toString(), signing);
    }

    @AfterAll
    static void dropInstallation() {
        if (installation != null) {
            installation.close();
        }
    }

    @Test
    void theInputsReachedTheControlsAndTheirRejectsAndFailures() throws IOException {
        assertThat(commands.get("run " + TRAINING + " 2025-Q3").exitCode()).as(describe(TRAINING + " 2025-Q3")).isZero();
        assertThat(commands.get("run " + RECONCILIATION + " 2025-09").exitCode()).isZero();
        assertThat(commands.get("run " + ROLLUP + " 2025").exitCode()).isZero();
        assertThat(commands.get("run " + KEY_ROTATION + " 2025-09").exitCode()).isZero();
        for (String[] completed : new String[][] {{TRAINING, "2025-Q3"}, {RECONCILIATION, "2025-09"}, {ROLLUP, "2025"},
                {KEY_ROTATION, "2025-09"}}) {
            assertThat(installation.publishedMetrics(completed[0], completed[1]).get("rows_rejected"))
                    .as("rows rejected by %s %s", completed[0], completed[1]).isGreaterThan(1.0);
            assertThat(Files.readString(outbox(completed[0], completed[1]).resolve("rejects.csv")))
                    .contains("value not shown");
        }
        for (String[] headerless : new String[][] {{TRAINING, "2025-Q2", "hr_roster.csv"},
                {RECONCILIATION, "2025-08", "access_grants_main.csv"}, {ROLLUP, "2024", "audit_findings.csv"},
                {KEY_ROTATION, "2025-08", "key_inventory.csv"}}) {
            CommandResult run = commands.get("run " + headerless[0] + " " + headerless[1]);
            assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.FAILED);
            assertThat(run.errLines().get(0)).as(run.describe())
                    .contains(headerless[2], "header lacks column", "does not look like a header");
        }
        CommandResult unparsable = commands.get("run " + TRAINING + " 2025-Q1");
        assertThat(unparsable.exitCode()).as(unparsable.describe()).isEqualTo(ExitCodes.FAILED);
        assertThat(unparsable.errLines().get(0)).contains("training_completions.csv", "line 3");
        CommandResult unterminated = commands.get("run " + KEY_ROTATION + " 2025-07");
        assertThat(unterminated.exitCode()).as(unterminated.describe()).isEqualTo(ExitCodes.FAILED);
        assertThat(unterminated.errLines().get(0)).contains("key_inventory.csv", "line 3");
        assertThat(commands.get("run " + RECONCILIATION + " 2025-07").exitCode()).isZero();
        assertThat(Files.readString(outbox(RECONCILIATION, "2025-07").resolve("rejects.csv")))
                .contains("access_grants_main.csv,3,permission longer than 30 characters");
        CommandResult recordTooLong = commands.get("run " + RECONCILIATION + " 2025-06");
        assertThat(recordTooLong.exitCode()).as(recordTooLong.describe()).isEqualTo(ExitCodes.FAILED);
        assertThat(recordTooLong.errLines().get(0)).contains("access_grants_main.csv", "line 3", "longer than 200");
        assertThat(Files.readString(outbox(RECONCILIATION, "2025-09").resolve("revocations.csv")).toLowerCase(Locale.ROOT))
                .as("a list of people names the ids it lists, so it is left out of the search by name")
                .contains("zq.marker@example.com");
    }

    @Test
    void noCommandPrintsAValueOfARow() {
        commands.forEach((name, result) -> {
            assertThat(traces(result.out())).as("stdout of %s", name).isEmpty();
            assertThat(traces(result.err())).as("stderr of %s", name).isEmpty();
            assertThat(traces(result.console())).as("console (log lines) of %s", name).isEmpty();
        });
    }

    @Test
    void theLogFileHoldsNoValueOfARow() throws IOException {
        assertThat(installation.logFile()).isRegularFile();
        assertThat(traces(Files.readString(installation.logFile()))).isEmpty();
    }

    @Test
    void exitMessagesAndRejectReasonsInTheDatabaseHoldNoValueOfARow() {
        String results = installation.database().resultsSchema();
        Map<String, String> stored = new LinkedHashMap<>();
        collect(stored, "SELECT JOB_EXECUTION_ID, EXIT_MESSAGE FROM BATCH_JOB_EXECUTION", "job execution ");
        collect(stored, "SELECT STEP_EXECUTION_ID, EXIT_MESSAGE FROM BATCH_STEP_EXECUTION", "step execution ");
        collect(stored, "SELECT JOB_EXECUTION_ID, SHORT_CONTEXT FROM BATCH_JOB_EXECUTION_CONTEXT", "job context ");
        collect(stored, "SELECT STEP_EXECUTION_ID, SHORT_CONTEXT FROM BATCH_STEP_EXECUTION_CONTEXT", "step context ");
        collect(stored, "SELECT execution_id, exit_message FROM " + results + ".run", "run ");
        collect(stored, "SELECT CONCAT(file, ':', line), reason FROM " + results + ".reject", "reject ");

        assertThat(stored.keySet()).anyMatch(key -> key.startsWith("reject "));
        stored.forEach((where, text) -> assertThat(traces(text)).as(where + ": " + text).isEmpty());
        stored.entrySet().stream().filter(entry -> entry.getKey().startsWith("reject "))
                .forEach(entry -> assertThat(quotedValues(entry.getValue())).as(entry.getKey())
                        .allMatch(value -> CODED.matcher(value).matches()));
    }

    @Test
    void outboxAndBlobStoreFilesHoldNoValueOfARowBeyondTheListsOfPeople() {
        List<Path> files = new ArrayList<>();
        files.addAll(searched(installation.outbox()));
        files.addAll(searched(installation.store()));

        assertThat(files).extracting(file -> file.getFileName().toString())
                .contains("summary.json", "rejects.csv", "summary.md", "summary.html");
        files.forEach(file -> assertThat(traces(read(file))).as(file.toString()).isEmpty());
    }

    @Test
    void rejectsQuoteOnlyShortCodedValues() {
        List<Path> rejects = searched(installation.outbox()).stream()
                .filter(file -> file.getFileName().toString().equals("rejects.csv")).toList();

        assertThat(rejects).hasSizeGreaterThanOrEqualTo(4);
        for (Path file : rejects) {
            assertThat(quotedValues(read(file))).as(file.toString()).allMatch(value -> CODED.matcher(value).matches());
        }
    }

    @Test
    void reportsHoldNoValueOfARow() {
        List<Path> files = searched(reportFiles);

        assertThat(files).hasSizeGreaterThanOrEqualTo(3);
        files.forEach(file -> assertThat(traces(read(file))).as(file.toString()).isEmpty());
    }

    @Test
    void evidenceBundleHoldsNoValueOfARowBeyondTheListsOfPeople() {
        CommandResult export = commands.get("evidence");
        assertThat(export.exitCode()).as(export.describe()).isZero();
        List<Path> files = searched(bundle);

        assertThat(files).extracting(file -> file.getFileName().toString()).contains("runs.csv", "summary.json");
        files.forEach(file -> assertThat(traces(read(file))).as(file.toString()).isEmpty());
    }

    @Test
    void zippedEvidenceBundleHoldsNoValueOfARowBeyondTheListsOfPeople() throws IOException {
        CommandResult export = commands.get("evidence zip");
        assertThat(export.exitCode()).as(export.describe()).isZero();
        Map<String, String> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(zippedBundle.toFile())) {
            for (ZipEntry entry : zip.stream().filter(entry -> !entry.isDirectory()).toList()) {
                String name = Path.of(entry.getName()).getFileName().toString();
                if (!LISTS_OF_PEOPLE.contains(name)) {
                    entries.put(entry.getName(), new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }

        assertThat(entries.keySet()).anyMatch(name -> name.endsWith("rejects.csv"));
        entries.forEach((name, text) -> assertThat(traces(text)).as(name).isEmpty());
    }

    /** Runs {@code job} for {@code period} on its own inbox holding {@code files}, with {@code settings}. */
    private static void run(String job, String period, Map<String, String> files, String... settings) throws IOException {
        Path inbox = Files.createDirectories(dir.resolve("in").resolve(job).resolve(period));
        for (var file : files.entrySet()) {
            Files.writeString(inbox.resolve(file.getKey()), file.getValue());
        }
        command("run " + job + " " + period, Stream.concat(Stream.of("run", job, "--period", period, "--inbox",
                inbox.toString()), Stream.of(settings)).toArray(String[]::new));
    }

    private static void command(String name, String... args) {
        String[] withFifthControl = Stream.concat(Stream.of(args), Stream.of(FIFTH_CONTROL)).toArray(String[]::new);
        commands.put(name, installation.custos(withFifthControl));
    }

    private static String describe(String run) {
        return commands.get("run " + run).describe();
    }

    private static Path outbox(String job, String period) {
        return installation.outbox().resolve(job).resolve(period);
    }

    /** {@code rows}, each a format with the name as {@code %1$s} and the e-mail as {@code %2$s}, as lines. */
    private static String lines(String... rows) {
        StringBuilder text = new StringBuilder();
        for (String row : rows) {
            text.append(row.formatted(NAME, EMAIL)).append('\n');
        }
        return text.toString();
    }

    /** A row of {@code columns} fields, the name and the e-mail in turn. */
    private static String every(int columns) {
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < columns; i++) {
            fields.add(i % 2 == 0 ? "%1$s" : "%2$s");
        }
        return String.join(",", fields);
    }

    /** The lines of {@code text} giving a marker away. */
    private static List<String> traces(String text) {
        return text.lines().filter(line -> {
            String lower = line.toLowerCase(Locale.ROOT);
            return TRACES.stream().anyMatch(lower::contains);
        }).toList();
    }

    private static List<String> quotedValues(String text) {
        List<String> values = new ArrayList<>();
        Matcher matcher = QUOTED.matcher(text);
        while (matcher.find()) {
            values.add(matcher.group(1));
        }
        return values;
    }

    /** Every regular file under {@code root} but the lists of people. */
    private static List<Path> searched(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(file -> !LISTS_OF_PEOPLE.contains(file.getFileName().toString()))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void collect(Map<String, String> stored, String sql, String prefix) {
        installation.query(sql, rs -> {
            String text = rs.getString(2);
            if (text != null) {
                stored.put(prefix + rs.getString(1), text);
            }
        });
    }
}
