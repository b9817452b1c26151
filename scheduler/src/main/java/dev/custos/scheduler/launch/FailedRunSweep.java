package dev.custos.scheduler.launch;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import dev.custos.common.job.Control;
import dev.custos.common.results.ResultsRepository;
import dev.custos.common.results.RunRow;
import dev.custos.common.results.StagingTables;

/**
 * Abandons failed runs that nobody restarted within {@code custos.staging.keep-failed}, which
 * deletes their staged inputs: personal data is not kept for a run that will not finish. It also
 * removes the staging rows and partitions finished runs left behind (an abandon whose removal
 * failed after the run was marked ABANDONED).
 * {@code custos serve} runs it periodically, beside the stale-execution recovery.
 */
@Component
@EnableConfigurationProperties(StagingProperties.class)
public class FailedRunSweep {

    private static final Logger log = LoggerFactory.getLogger(FailedRunSweep.class);

    private final ResultsRepository results;
    private final ControlLauncher launcher;
    private final StagingProperties properties;
    private final ControlCatalog catalog;
    private final StagingTables stagingTables;

    public FailedRunSweep(ResultsRepository results, ControlLauncher launcher, StagingProperties properties,
                          ControlCatalog catalog, StagingTables stagingTables) {
        this.results = results;
        this.launcher = launcher;
        this.properties = properties;
        this.catalog = catalog;
        this.stagingTables = stagingTables;
    }

    /** Returns the executions abandoned; one that cannot be (a restart just began) is left to the next sweep. */
    public List<Long> abandonExpiredFailedRuns() {
        List<Long> abandoned = new ArrayList<>();
        try {
            for (RunRow run : results.failedRunsEndedBefore(LocalDateTime.now().minus(properties.keepFailed()))) {
                try {
                    launcher.abandon(run.executionId(), "failed and not restarted within custos.staging.keep-failed ("
                            + properties.keepFailed() + ")");
                    log.info("{} {}: execution {} failed and was not restarted within custos.staging.keep-failed ({});"
                            + " abandoned and its staging rows deleted", run.job(), run.period(), run.executionId(),
                            properties.keepFailed());
                    abandoned.add(run.executionId());
                } catch (RuntimeException e) {
                    log.warn("{} {}: execution {} could not be abandoned now ({}); the next sweep tries again",
                            run.job(), run.period(), run.executionId(), e.getMessage());
                }
            }
        } catch (RuntimeException e) {
            // a periodic task that throws is never run again: the next sweep must still come
            log.warn("the sweep of failed runs could not read the runs: {}", e.getMessage());
        }
        removeStagingLeftovers();
        return abandoned;
    }

    private void removeStagingLeftovers() {
        for (Control control : catalog.controls()) {
            try {
                stagingTables.removeLeftovers(control.stagingTables());
            } catch (RuntimeException e) {
                log.warn("{}: the staging rows finished runs left could not be removed now ({}); the next sweep tries "
                        + "again", control.jobName(), e.getMessage());
            }
        }
    }
}
