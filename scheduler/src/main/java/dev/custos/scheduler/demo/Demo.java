package dev.custos.scheduler.demo;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import dev.custos.common.job.Control;
import dev.custos.common.job.CustosProperties;
import dev.custos.common.period.Period;
import dev.custos.scheduler.launch.ControlCatalog;
import dev.custos.scheduler.launch.ControlLauncher;
import dev.custos.scheduler.launch.RunOutcome;

/**
 * Runs every control of this build on generated sample inputs: the last closed period and the
 * one before it (for a trend), each with its own inbox under {@code <dir>/in/<job>/<period>}.
 * Periods already completed in the demo's database are left as they are.
 */
@Component
public class Demo {

    private static final int PERIODS = 2;

    private final ControlCatalog catalog;
    private final ControlLauncher launcher;
    private final CustosProperties properties;

    public Demo(ControlCatalog catalog, ControlLauncher launcher, CustosProperties properties) {
        this.catalog = catalog;
        this.launcher = launcher;
        this.properties = properties;
    }

    public List<RunOutcome> run(Path dir, int scale) {
        List<RunOutcome> outcomes = new ArrayList<>();
        LocalDate today = LocalDate.now(properties.zone());
        for (Control control : catalog.controls()) {
            Period latest = control.defaultPeriod(today);
            List<Period> periods = new ArrayList<>();
            for (Period p = latest; periods.size() < PERIODS; p = p.previous()) {
                periods.add(0, p);
            }
            for (Period period : periods) {
                Path inbox = dir.resolve("in").resolve(control.jobName()).resolve(period.toString());
                control.writeSampleInputs(inbox, period, scale, seed(control, period));
                outcomes.add(launcher.run(control.jobName(), period, false, inbox, properties.outbox()));
            }
        }
        return outcomes;
    }

    private static long seed(Control control, Period period) {
        return (control.jobName() + "/" + period).hashCode();
    }
}
