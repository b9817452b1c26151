package dev.custos.scheduler.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import dev.custos.common.job.Control;
import dev.custos.common.job.CustosProperties;
import dev.custos.common.period.Period;
import dev.custos.common.period.PeriodType;
import dev.custos.common.sample.SampleInputs;
import dev.custos.scheduler.launch.ControlCatalog;
import dev.custos.scheduler.launch.ControlLauncher;
import dev.custos.scheduler.launch.InboxLayout;
import dev.custos.scheduler.launch.RunOutcome;

/**
 * Replays the last closed year on generated sample inputs, so that the yearly rollup and the
 * reports have a history to show: the year's last days, months and quarters for the controls of
 * those cadences, then the yearly controls, which read the others' results. Each run gets its own
 * inbox under {@code <dir>/in/<job>/<period>}, filled by the control's {@link SampleInputs} (a
 * control without them runs on an empty inbox). Periods already completed in the demo's database
 * are left as they are.
 */
@Component
public class Demo {

    /** How many of the year's periods of each type the demo runs, the latest ones. */
    private static final Map<PeriodType, Integer> PERIODS_PER_YEAR =
            Map.of(PeriodType.DAY, 5, PeriodType.MONTH, 12, PeriodType.QUARTER, 4, PeriodType.YEAR, 1);

    private final ControlCatalog catalog;
    private final ControlLauncher launcher;
    private final CustosProperties properties;
    private final Map<String, SampleInputs> samples;

    public Demo(ControlCatalog catalog, ControlLauncher launcher, CustosProperties properties,
                List<SampleInputs> samples) {
        this.catalog = catalog;
        this.launcher = launcher;
        this.properties = properties;
        this.samples = samples.stream().collect(Collectors.toMap(SampleInputs::jobName, Function.identity(),
                (a, b) -> {
                    throw new IllegalStateException("two sample inputs for job " + a.jobName() + ": "
                            + a.getClass().getName() + " and " + b.getClass().getName() + "; keep one");
                }));
    }

    /** The year the demo replays: the last closed one. */
    public Period year() {
        return Period.lastClosed(PeriodType.YEAR, LocalDate.now(properties.zone()));
    }

    public List<RunOutcome> run(Path dir, int scale) {
        List<RunOutcome> outcomes = new ArrayList<>();
        Period year = year();
        List<Control> yearlyLast = catalog.controls().stream()
                .sorted(Comparator.comparing(control -> control.periodType() == PeriodType.YEAR)).toList();
        for (Control control : yearlyLast) {
            List<Period> periods = year.subPeriods(control.periodType());
            periods = periods.subList(Math.max(0, periods.size() - PERIODS_PER_YEAR.get(control.periodType())),
                    periods.size());
            for (int index = 0; index < periods.size(); index++) {
                Period period = periods.get(index);
                Path inbox = InboxLayout.periodFolder(dir.resolve("in"), control.jobName(), period);
                writeSamples(control, period, index, scale, inbox);
                outcomes.add(launcher.run(control.jobName(), period, false, inbox, properties.outbox()));
            }
        }
        return outcomes;
    }

    private void writeSamples(Control control, Period period, int index, int scale, Path inbox) {
        SampleInputs sample = samples.get(control.jobName());
        if (sample == null) {
            createDirectories(inbox);
            return;
        }
        sample.prepareSources(period, index, scale);
        sample.write(inbox, period, scale, seed(control, period));
    }

    private static void createDirectories(Path inbox) {
        try {
            Files.createDirectories(inbox);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the demo's inbox " + inbox, e);
        }
    }

    private static long seed(Control control, Period period) {
        return (control.jobName() + "/" + period).hashCode();
    }
}
