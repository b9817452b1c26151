package dev.custos.jobs.backup.retention;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Grandfather-father-son retention: of the verified backups, keep the newest of each of the last
 * {@code daily} days, of each of the last {@code monthly} months and of each of the last
 * {@code yearly} years, and always the newest verified backup of all. The windows end at the run's
 * day, or at the newest verified backup's day when that is later (a backfill of an old day never
 * expires newer backups).
 *
 * <p>Unverified backups (a manifest, but no verification on record) newer than the newest verified
 * one are kept: their run is still going or awaits a restart. Older ones are kept while inside the
 * daily window, so an operator can look at them, and deleted after. Without any verified backup
 * nothing is deleted. Objects of a backup without manifest (an archive whose run failed) are
 * deleted once the newest of them is older than {@link #INCOMPLETE_AFTER}; an archive its run
 * recorded whole, awaiting the manifest, once it is older than the daily window.
 */
public record RetentionRule(int daily, int monthly, int yearly) {

    /** How long an incomplete backup (or multipart upload) may belong to a run that is still writing it. */
    public static final Duration INCOMPLETE_AFTER = Duration.ofDays(1);

    public RetentionRule {
        if (daily < 0 || monthly < 0 || yearly < 0) {
            throw new IllegalArgumentException("custos.backup.retention.daily, .monthly and .yearly must be 0 or more,"
                    + " found " + daily + ", " + monthly + ", " + yearly);
        }
    }

    /** A backup with a manifest in the store, and whether its verification is on record. */
    public record Candidate(String id, LocalDate day, long executionId, boolean verified) {
    }

    /** Why a backup is kept or deleted; {@link #code()} is what {@code retention.csv} says. */
    public enum Reason {
        NEWEST_VERIFIED(true), DAILY(true), MONTHLY(true), YEARLY(true),
        NEWER_THAN_NEWEST_VERIFIED(true), UNVERIFIED_IN_DAILY_WINDOW(true), NO_VERIFIED_BACKUP(true),
        EXPIRED(false), UNVERIFIED(false), INCOMPLETE(false);

        private final boolean keep;

        Reason(boolean keep) {
            this.keep = keep;
        }

        public boolean keep() {
            return keep;
        }

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public record Decision(Candidate backup, Reason reason) {

        public boolean keep() {
            return reason.keep();
        }
    }

    private static final Comparator<Candidate> OLDEST_FIRST = Comparator.comparing(Candidate::day)
            .thenComparingLong(Candidate::executionId);

    /** One decision per backup, oldest first. */
    public List<Decision> decide(List<Candidate> backups, LocalDate runDay) {
        List<Candidate> sorted = backups.stream().sorted(OLDEST_FIRST).toList();
        List<Candidate> verified = sorted.stream().filter(Candidate::verified).toList();
        if (verified.isEmpty()) {
            return sorted.stream().map(b -> new Decision(b, Reason.NO_VERIFIED_BACKUP)).toList();
        }
        Candidate newest = verified.get(verified.size() - 1);
        LocalDate end = runDay.isAfter(newest.day()) ? runDay : newest.day();
        Map<Candidate, Reason> kept = new LinkedHashMap<>();
        kept.put(newest, Reason.NEWEST_VERIFIED);
        keepNewestPer(verified, Candidate::day, end.minusDays(daily - 1L), end, daily, Reason.DAILY, kept);
        keepNewestPer(verified, b -> YearMonth.from(b.day()), YearMonth.from(end).minusMonths(monthly - 1L),
                YearMonth.from(end), monthly, Reason.MONTHLY, kept);
        keepNewestPer(verified, b -> Year.from(b.day()), Year.from(end).minusYears(yearly - 1L), Year.from(end),
                yearly, Reason.YEARLY, kept);
        LocalDate dailyWindowStart = end.minusDays(Math.max(daily, 1) - 1L);
        List<Decision> decisions = new ArrayList<>();
        for (Candidate backup : sorted) {
            Reason reason;
            if (kept.containsKey(backup)) {
                reason = kept.get(backup);
            } else if (backup.verified()) {
                reason = Reason.EXPIRED;
            } else if (OLDEST_FIRST.compare(backup, newest) > 0) {
                reason = Reason.NEWER_THAN_NEWEST_VERIFIED;
            } else if (!backup.day().isBefore(dailyWindowStart)) {
                reason = Reason.UNVERIFIED_IN_DAILY_WINDOW;
            } else {
                reason = Reason.UNVERIFIED;
            }
            decisions.add(new Decision(backup, reason));
        }
        return decisions;
    }

    /** Whether an incomplete backup (or upload) last written at {@code lastWritten} may be deleted at {@code now}. */
    public boolean incompleteExpired(Instant lastWritten, Instant now) {
        return lastWritten.plus(INCOMPLETE_AFTER).isBefore(now);
    }

    /**
     * Whether a whole archive its run recorded, awaiting the manifest a restart writes, may be
     * deleted at {@code now}: once the daily window (a day at least) has passed, so that a failed
     * run can be restarted for as long as a daily backup is kept.
     */
    public boolean recordedArchiveExpired(Instant lastWritten, Instant now) {
        return lastWritten.plus(Duration.ofDays(Math.max(1, daily))).isBefore(now);
    }

    /**
     * Keeps the newest verified backup of each slot ({@code slotOf}: its day, month or year) from
     * {@code first} to {@code last}; {@code count} of 0 keeps none. A backup already kept keeps its reason.
     */
    private static <S extends Comparable<S>> void keepNewestPer(List<Candidate> verified, Function<Candidate, S> slotOf,
                                                               S first, S last, int count, Reason reason,
                                                               Map<Candidate, Reason> kept) {
        if (count == 0) {
            return;
        }
        Map<S, Candidate> newestOfSlot = new LinkedHashMap<>();
        for (Candidate backup : verified) {
            S slot = slotOf.apply(backup);
            if (slot.compareTo(first) >= 0 && slot.compareTo(last) <= 0) {
                newestOfSlot.put(slot, backup); // oldest first, so the last put is the newest
            }
        }
        newestOfSlot.values().forEach(backup -> kept.putIfAbsent(backup, reason));
    }

    /** The day and execution of a backup id {@code <day>.<executionId>}, or empty for another shape. */
    public static Optional<Candidate> parseId(String id, boolean verified) {
        int dot = id.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Candidate(id, LocalDate.parse(id.substring(0, dot)),
                    Long.parseLong(id.substring(dot + 1)), verified));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
