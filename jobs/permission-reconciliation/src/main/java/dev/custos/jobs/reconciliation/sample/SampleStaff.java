package dev.custos.jobs.reconciliation.sample;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import dev.custos.common.period.Period;
import dev.custos.common.roster.EmploymentStatus;
import dev.custos.jobs.reconciliation.Entitlement;
import dev.custos.jobs.reconciliation.ReconciliationPolicy;

/**
 * The people behind the sample files and the access they hold at the end of a month. Each
 * employee's story (role, hire, departure, which grants, which are dormant or excess) is drawn from
 * a generator seeded by the organisation seed and the employee's number, so it is the same in
 * every month; what changes from month to month is decided by a four-month cycle with a phase per
 * problem grant: in three months out of four the problem is there, in the fourth it is remediated
 * (the grant revoked or used again). Consecutive months therefore share most findings, and each
 * has some new and some resolved.
 */
final class SampleStaff {

    /** Grant rows of each account unknown to HR (service accounts and contractors), on average. */
    static final int UNKNOWN_ACCOUNT_ROWS = 3;

    private static final double DEPARTED_SHARE = 0.03;
    private static final double LEAVING_NEXT_MONTH_SHARE = 0.005;
    private static final double HOLD_SHARE = 0.95;
    private static final double DORMANT_SHARE = 0.08;
    private static final double NEVER_USED_SHARE_OF_DORMANT = 0.3;
    private static final double EXCESS_SHARE = 0.3;
    private static final double DIRECTORY_COPY_SHARE = 0.04;
    private static final double REPEATED_LINE_SHARE = 0.01;
    private static final double KEPT_BY_RECENT_LEAVER_SHARE = 0.5;
    private static final double KEPT_BY_EARLIER_LEAVER_SHARE = 0.1;
    private static final int RECENT_DEPARTURE_DAYS = 60;
    private static final int LONGEST_ABSENCE_DAYS = 540;
    private static final int LONGEST_TENURE_DAYS = 10 * 365;
    private static final int CYCLE_MONTHS = 4;
    private static final int DORMANT_DAYS = ReconciliationPolicy.DEFAULT_DORMANT_DAYS;

    private static final String[] FIRST_NAMES = {
        "Anna", "Ben", "Chloe", "David", "Elif", "Fatima", "George", "Hana", "Ivan", "Jose", "Kofi", "Lena",
        "Lukas", "Maya", "Noah", "Olga", "Priya", "Quentin", "Rosa", "Soren", "Tomas", "Uma", "Victor", "Wei"};
    private static final String[] LAST_NAMES = {
        "Smith", "O'Brien", "Garcia", "Muller", "Nguyen", "Kowalski", "Johansson", "Rossi", "Khan", "Okafor",
        "Van der Berg", "Dubois", "Silva", "Tanaka", "Novak", "Murphy", "Patel", "Reyes", "Walsh", "Zhang"};
    private static final String[] SERVICES = {"BACKUP", "REPORTING", "ETL", "MONITORING", "DEPLOY", "BILLING"};

    /** One roster row and the grant rows of one employee. */
    record Member(List<Object> rosterRow, List<GrantRow> grants) {
    }

    /** One line of a grant export. */
    record GrantRow(String file, List<String> fields) {
    }

    private final LocalDate end;
    private final long monthNumber;
    private final long organisationSeed;
    private final long activitySeed;

    SampleStaff(Period month, long organisationSeed, long activitySeed) {
        this.end = month.end();
        this.monthNumber = month.start().getYear() * 12L + month.start().getMonthValue();
        this.organisationSeed = organisationSeed;
        this.activitySeed = activitySeed;
    }

    static String employeeId(int number) {
        return "E%06d".formatted(number);
    }

    /** About one account per 200 employees, at least 3. */
    static int unknownAccounts(int employees) {
        return Math.max(3, employees / 200);
    }

    /**
     * Employee {@code number} and exactly {@code budget} grant rows, or fewer when they hold less
     * (a leaver whose access was revoked): rows beyond what they hold are repeated lines, and a
     * budget smaller than what they hold drops the last grants.
     */
    Member member(int number, int budget) {
        SplittableRandom story = new SplittableRandom(organisationSeed * 1_000_003L + number);
        SplittableRandom activity = new SplittableRandom(activitySeed * 1_000_003L + number);
        SampleCatalog.Role role = SampleCatalog.pickRole(story);
        String id = employeeId(number);
        String firstName = FIRST_NAMES[story.nextInt(FIRST_NAMES.length)];
        String lastName = LAST_NAMES[story.nextInt(LAST_NAMES.length)];
        double fate = story.nextDouble();
        int absence = story.nextInt(LONGEST_ABSENCE_DAYS);
        int notice = 1 + story.nextInt(30);
        int tenure = 30 + story.nextInt(LONGEST_TENURE_DAYS);
        EmploymentStatus status = fate < DEPARTED_SHARE ? EmploymentStatus.DEPARTED : EmploymentStatus.ACTIVE;
        LocalDate departedOn = status == EmploymentStatus.DEPARTED ? end.minusDays(absence)
                : fate < DEPARTED_SHARE + LEAVING_NEXT_MONTH_SHARE ? end.plusDays(notice) : null;
        LocalDate hiredOn = (departedOn == null ? end : min(departedOn, end)).minusDays(tenure);
        List<Object> rosterRow = List.of(id, firstName + " " + lastName, email(firstName, lastName, number),
                role.department(), role.name(), status.name(), hiredOn, departedOn == null ? "" : departedOn);

        Holder holder = new Holder(id, hiredOn, status == EmploymentStatus.DEPARTED ? departedOn : null, story, activity);
        List<GrantRow> held = new ArrayList<>();
        List<GrantRow> repeats = new ArrayList<>();
        for (Entitlement entitlement : role.entitlements()) {
            holder.entitled(entitlement, held, repeats);
        }
        holder.excess(SampleCatalog.excessFor(role, story), held);
        if (story.nextDouble() < REPEATED_LINE_SHARE && !held.isEmpty()) {
            repeats.add(held.get(story.nextInt(held.size())));
        }
        return new Member(rosterRow, fit(held, repeats, budget));
    }

    /**
     * Service account or contractor {@code number}, unknown to HR, holding {@code rows} grants in
     * use, each on a permission of the policy.
     */
    List<GrantRow> unknownAccount(int number, int rows) {
        SplittableRandom story = new SplittableRandom(~organisationSeed * 1_000_003L + number);
        String id = number % 3 == 0 ? "C%05d".formatted(number)
                : "SVC-%s-%02d".formatted(SERVICES[number % SERVICES.length], number);
        List<Entitlement> catalog = SampleCatalog.ROLES.stream().flatMap(r -> r.entitlements().stream()).distinct().toList();
        int first = story.nextInt(catalog.size());
        List<GrantRow> grants = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            Entitlement e = catalog.get((first + i) % catalog.size());
            LocalDate grantedOn = end.minusDays(200 + story.nextInt(900));
            grants.add(row(SampleCatalog.fileOf(e.system()), id, e.system(), e.permission(), grantedOn,
                    end.minusDays(story.nextInt(20))));
        }
        return grants;
    }

    /**
     * The grants one employee holds. Every random number of a grant is drawn whether or not the
     * grant ends up in the files, so that one month's decisions never shift the next grant's draws.
     */
    private final class Holder {

        private final String id;
        private final LocalDate hiredOn;
        private final LocalDate departedOn;
        private final SplittableRandom story;
        private final SplittableRandom activity;

        Holder(String id, LocalDate hiredOn, LocalDate departedOn, SplittableRandom story, SplittableRandom activity) {
            this.id = id;
            this.hiredOn = hiredOn;
            this.departedOn = departedOn;
            this.story = story;
            this.activity = activity;
        }

        void entitled(Entitlement entitlement, List<GrantRow> held, List<GrantRow> repeats) {
            double hold = story.nextDouble();
            double usage = story.nextDouble();
            double kept = story.nextDouble();
            double copy = story.nextDouble();
            int phase = story.nextInt(CYCLE_MONTHS);
            LocalDate grantedOn = min(hiredOn.plusDays(story.nextInt(60)), end);
            LocalDate unusedSince = end.minusDays(DORMANT_DAYS + 1 + story.nextInt(400));
            int copyDelay = story.nextInt(10);
            if (hold >= HOLD_SHARE || !stillHeld(kept, phase)) {
                return;
            }
            LocalDate lastUsed;
            if (departedOn != null) {
                lastUsed = max(grantedOn, departedOn.minusDays(activity.nextInt(30)));
            } else if (usage < DORMANT_SHARE && problemThisMonth(phase)) {
                lastUsed = usage < DORMANT_SHARE * NEVER_USED_SHARE_OF_DORMANT ? null
                        : max(grantedOn, unusedSince);
            } else {
                lastUsed = inUse(grantedOn);
            }
            String file = SampleCatalog.fileOf(entitlement.system());
            held.add(row(file, id, entitlement.system(), entitlement.permission(), grantedOn, lastUsed));
            if (copy < DIRECTORY_COPY_SHARE && !file.equals(SampleCatalog.DIRECTORY_FILE)) {
                repeats.add(directoryCopy(entitlement, min(grantedOn.plusDays(copyDelay), end)));
            }
        }

        void excess(Entitlement entitlement, List<GrantRow> held) {
            double excess = story.nextDouble();
            double kept = story.nextDouble();
            int phase = story.nextInt(CYCLE_MONTHS);
            LocalDate grantedOn = max(hiredOn, end.minusDays(story.nextInt(400)));
            if (excess >= EXCESS_SHARE || !problemThisMonth(phase) || !stillHeld(kept, phase)) {
                return;
            }
            held.add(row(SampleCatalog.fileOf(entitlement.system()), id, entitlement.system(), entitlement.permission(),
                    grantedOn, inUse(grantedOn)));
        }

        /** A leaver keeps a grant when its revocation was missed: often for a recent leaver, rarely later. */
        private boolean stillHeld(double kept, int phase) {
            if (departedOn == null) {
                return true;
            }
            boolean recent = !departedOn.isBefore(end.minusDays(RECENT_DEPARTURE_DAYS));
            return kept < (recent ? KEPT_BY_RECENT_LEAVER_SHARE : KEPT_BY_EARLIER_LEAVER_SHARE) && problemThisMonth(phase);
        }

        /** Used within the last month, never before it was granted. */
        private LocalDate inUse(LocalDate grantedOn) {
            return max(grantedOn, end.minusDays(activity.nextInt(30)));
        }

        /** The directory's copy of a group-provisioned grant: lower case, granted a little later, no use tracked. */
        private GrantRow directoryCopy(Entitlement entitlement, LocalDate grantedOn) {
            return new GrantRow(SampleCatalog.DIRECTORY_FILE, List.of(id.toLowerCase(Locale.ROOT),
                    entitlement.system().toLowerCase(Locale.ROOT), entitlement.permission(), grantedOn.toString(), ""));
        }
    }

    private boolean problemThisMonth(int phase) {
        return (monthNumber + phase) % CYCLE_MONTHS != 0;
    }

    /** The held grants and their repeats, cut or padded with more repeats to {@code budget} rows. */
    private static List<GrantRow> fit(List<GrantRow> held, List<GrantRow> repeats, int budget) {
        List<GrantRow> rows = new ArrayList<>(budget);
        rows.addAll(held.subList(0, Math.min(held.size(), budget)));
        for (int i = 0; rows.size() < budget && !held.isEmpty(); i++) {
            rows.add(i < repeats.size() ? repeats.get(i) : held.get(i % held.size()));
        }
        return rows;
    }

    private static GrantRow row(String file, String id, String system, String permission, LocalDate grantedOn,
                                LocalDate lastUsed) {
        return new GrantRow(file, List.of(id, system, permission, grantedOn.toString(),
                lastUsed == null ? "" : lastUsed.toString()));
    }

    private static String email(String firstName, String lastName, int number) {
        String local = (firstName + "." + lastName).toLowerCase(Locale.ROOT).replaceAll("[^a-z.]", "");
        return local + number + "@example.com";
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
