package dev.custos.jobs.training;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.custos.common.period.Period;
import dev.custos.common.report.KpiLine;
import dev.custos.common.report.ReportSection;
import dev.custos.common.results.Metric;
import dev.custos.common.results.ResultsRepository;

/**
 * training-coverage in the KPI report: its figures' names for managers, and what to do when
 * people lack a required course (follow up those {@code gaps.csv} lists).
 */
final class TrainingReportSection implements ReportSection {

    private static final Map<String, String> LABELS = Map.of(
            TrainingCoveragePublication.COVERAGE, "Training coverage",
            TrainingCoveragePublication.IN_SCOPE, "Employees in scope",
            TrainingCoveragePublication.COVERED, "Employees covered");

    private final ResultsRepository results;

    TrainingReportSection(ResultsRepository results) {
        this.results = results;
    }

    @Override
    public String jobName() {
        return TrainingCoverageJobConfig.JOB_NAME;
    }

    @Override
    public String title() {
        return "Training coverage";
    }

    @Override
    public Optional<String> label(String figure) {
        if (figure.startsWith(TrainingCoveragePublication.COVERAGE + ".")) {
            return Optional.of("Coverage in " + figure.substring(figure.indexOf('.') + 1));
        }
        return Optional.ofNullable(LABELS.get(figure));
    }

    @Override
    public Optional<String> action(Period period, LocalDate today, KpiLine latest) {
        if (!latest.metric().name().equals(TrainingCoveragePublication.COVERAGE)) {
            return Optional.empty();
        }
        return switch (latest.status().orElseThrow()) {
            case MET -> Optional.of("Everyone in scope completed their courses in " + latest.period() + ".");
            case MISSING -> Optional.of("No coverage for " + latest.period() + ": " + latest.metric().missingReason()
                    + "; run custos run " + jobName() + " --period " + latest.period() + " with that quarter's exports.");
            case MISSED -> {
                Map<String, Metric> figures = results.metrics(jobName(), latest.period()).stream()
                        .collect(Collectors.toMap(Metric::name, Function.identity(), (a, b) -> a));
                Metric inScope = figures.get(TrainingCoveragePublication.IN_SCOPE);
                Metric covered = figures.get(TrainingCoveragePublication.COVERED);
                if (inScope == null || covered == null || inScope.isMissing() || covered.isMissing()) {
                    yield Optional.empty();
                }
                long lacking = inScope.value().longValue() - covered.value().longValue();
                yield Optional.of("%d of %d employees in scope lack a required course: follow up the people listed in "
                        .formatted(lacking, inScope.value().longValue()) + TrainingCoveragePublication.GAPS_FILE + " of "
                        + latest.period() + ".");
            }
        };
    }
}
