package dev.custos.jobs.training.sample;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;

/** Random dates for the sample files. */
final class SampleDates {

    private SampleDates() {
    }

    /** A day from {@code first} to {@code last}, both included; {@code first} when the range is empty. */
    static LocalDate between(LocalDate first, LocalDate last, SplittableRandom random) {
        long days = ChronoUnit.DAYS.between(first, last);
        return days <= 0 ? first : first.plusDays(random.nextLong(days + 1));
    }
}
