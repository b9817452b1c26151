package dev.custos.jobs.backup;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.custos.common.CustosException;

/**
 * {@code custos.backup.drill.*}: when the backup run also proves its backup restorable.
 *
 * @param dayOfWeek the days (of the run's period) with a restore drill, e.g. {@code SUNDAY} or
 *                  {@code SUNDAY,WEDNESDAY}; {@code NONE} disables scheduled drills (a run with the
 *                  job parameter {@code drill=true} still drills)
 * @param schema    the scratch schema the drill creates, loads and drops; default
 *                  {@code <results schema>_drill}. Its contents are dropped: never name a real schema.
 */
@ConfigurationProperties("custos.backup.drill")
record BackupDrillProperties(@DefaultValue("SUNDAY") String dayOfWeek, String schema) {

    static final String NONE = "NONE";
    private static final String SCHEMA_SUFFIX = "_drill";

    BackupDrillProperties {
        days(dayOfWeek);
    }

    Set<DayOfWeek> days() {
        return days(dayOfWeek);
    }

    boolean isDrillDay(LocalDate day) {
        return days().contains(day.getDayOfWeek());
    }

    /** The scratch schema: the configured one, or {@code <resultsSchema>_drill}. */
    String scratchSchema(String resultsSchema) {
        return schema == null || schema.isBlank() ? resultsSchema + SCHEMA_SUFFIX : schema.strip();
    }

    private static Set<DayOfWeek> days(String setting) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        if (setting == null || setting.isBlank() || setting.strip().equalsIgnoreCase(NONE)) {
            return days;
        }
        for (String day : setting.split(",")) {
            try {
                days.add(DayOfWeek.valueOf(day.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new CustosException("custos.backup.drill.day-of-week must be days of the week (MONDAY ... SUNDAY,"
                        + " comma-separated) or NONE, found '" + setting + "'");
            }
        }
        return days;
    }
}
