package dev.custos.jobs.backup;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

import dev.custos.common.period.Period;
import dev.custos.common.report.KpiLine;
import dev.custos.common.report.ReportSection;

/**
 * backup in the KPI report: its figures' names for managers, and what to do when due days had
 * no verified backup (how many, and where to look).
 */
final class BackupReportSection implements ReportSection {

    private static final Map<String, String> LABELS = Map.of(
            BackupSuccess.SUCCESS_RATE, "Backup success rate",
            BackupPublication.VERIFIED, "Verified backup",
            BackupPublication.RESTORE_DRILL_OK, "Restore drill");

    private final BackupSuccess success;

    BackupReportSection(BackupSuccess success) {
        this.success = success;
    }

    @Override
    public String jobName() {
        return BackupJobConfig.JOB_NAME;
    }

    @Override
    public String title() {
        return "Backups";
    }

    @Override
    public Optional<String> label(String figure) {
        return Optional.ofNullable(LABELS.get(figure));
    }

    @Override
    public Optional<String> action(Period period, LocalDate today, KpiLine latest) {
        if (!latest.metric().name().equals(BackupSuccess.SUCCESS_RATE)) {
            return Optional.empty();
        }
        BackupSuccess.Rate rate = success.rateAndMonths(Period.parse(latest.period()), today).get(0);
        return Optional.of(switch (latest.status().orElseThrow()) {
            case MET -> "Every due day from %s to %s has a verified backup.".formatted(rate.firstDueDay(),
                    rate.lastDueDay());
            case MISSED -> ("%d of %d due days from %s to %s have no verified backup: list them with custos executions "
                    + "--job backup and follow the backup runbook.").formatted(rate.dueDays() - rate.succeededDays(),
                    rate.dueDays(), rate.firstDueDay(), rate.lastDueDay());
            case MISSING -> "No backup rate for " + latest.period() + " (" + latest.metric().missingReason()
                    + "): set custos.backup.due-from to the day backups were first due.";
        });
    }
}
