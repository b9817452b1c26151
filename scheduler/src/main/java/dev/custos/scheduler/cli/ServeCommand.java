package dev.custos.scheduler.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

import picocli.CommandLine.Command;

import dev.custos.scheduler.launch.FailedRunSweep;
import dev.custos.scheduler.quartz.ScheduleService;
import dev.custos.scheduler.recovery.StaleExecutionRecovery;
import dev.custos.scheduler.security.SetupToken;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the scheduler (a Quartz cluster node) and the console and API (HTTP on server.port, 8080 by "
                + "default) until stopped; Ctrl-C stops cleanly, letting running jobs finish.")
final class ServeCommand extends SpringCommand {

    @Override
    Mode mode() {
        return Mode.SERVE;
    }

    @Override
    int call(CustosContext context) {
        CountDownLatch closed = new CountDownLatch(1);
        context.context().addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent) {
                closed.countDown();
            }
        });
        context.bean(ScheduleService.class).synchronize();
        StaleExecutionRecovery recovery = context.bean(StaleExecutionRecovery.class);
        ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "custos-stale-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        sweeper.scheduleWithFixedDelay(recovery::recoverStaleExecutions, 0, 60, TimeUnit.SECONDS);
        FailedRunSweep failedRuns = context.bean(FailedRunSweep.class);
        sweeper.scheduleWithFixedDelay(failedRuns::abandonExpiredFailedRuns, 1, 10, TimeUnit.MINUTES);
        // printed here only, never logged: whoever reads serve's output may create the first ADMIN
        // the token and the page apart: an address with the token in it would end up in access logs and proxies
        context.bean(SetupToken.class).issueIfNoUser().ifPresent(token -> {
            out().println("custos serve: no console user yet; the one-time setup token is " + token);
            out().println("custos serve: create the first ADMIN at http://localhost:" + port(context) + "/setup, "
                    + "typing the token into the form (it works once; or run: custos user add NAME --role ADMIN)");
        });
        out().println("custos serve: scheduler " + instanceId(context) + " running; console and API on port "
                + port(context) + "; Ctrl-C stops");
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            sweeper.shutdownNow();
        }
        return ExitCodes.OK;
    }

    private static String port(CustosContext context) {
        return context.context() instanceof WebServerApplicationContext web
                ? String.valueOf(web.getWebServer().getPort()) : "?";
    }

    private static String instanceId(CustosContext context) {
        try {
            return context.bean(Scheduler.class).getSchedulerInstanceId();
        } catch (SchedulerException e) {
            return "?";
        }
    }
}
