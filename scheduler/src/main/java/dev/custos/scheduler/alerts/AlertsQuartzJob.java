package dev.custos.scheduler.alerts;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * The alert evaluation as a Quartz job of its own ({@link AlertsTrigger#NAME} in group
 * {@link AlertsTrigger#GROUP}, apart from the controls' group): the clustered store fires it on one
 * serve node at a time.
 */
@DisallowConcurrentExecution
public class AlertsQuartzJob extends QuartzJobBean {

    private static final Logger log = LoggerFactory.getLogger(AlertsQuartzJob.class);

    @Autowired
    private AlertEvaluator evaluator;

    @Override
    protected void executeInternal(JobExecutionContext context) {
        try {
            evaluator.evaluate();
        } catch (RuntimeException e) {
            log.warn("Alerts not evaluated: {}", e.getClass().getSimpleName());
        }
    }
}
