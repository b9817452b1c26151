package dev.custos.scheduler.cli;

import java.util.ArrayList;
import java.util.List;

import dev.custos.common.workers.WorkersConfiguration;

/**
 * How much of the application a command starts. Read-only commands start lazily and without
 * Quartz; only {@code serve} starts the scheduler.
 */
enum Mode {
    READ_ONLY, RUN, SCHEDULES, SERVE, WORKER;

    private static final String QUARTZ_AUTO_CONFIGURATION =
            "org.springframework.boot.quartz.autoconfigure.QuartzAutoConfiguration";

    List<String> springArguments() {
        List<String> args = new ArrayList<>();
        boolean quartz = this == SCHEDULES || this == SERVE;
        args.add("--custos.quartz.enabled=" + quartz);
        if (!quartz) {
            args.add("--spring.autoconfigure.exclude=" + QUARTZ_AUTO_CONFIGURATION);
        }
        if (this == WORKER) {
            args.add("--" + WorkersConfiguration.TAKE_PARTITIONS + "=true");
        }
        if (this == READ_ONLY) {
            args.add("--spring.main.lazy-initialization=true");
            args.add("--spring.flyway.enabled=false");
            args.add("--custos.results.migrate=false");
        }
        // a context that fails to start is reported by the command as one line; Spring would log it again
        // with a stack trace and a failure report
        args.add("--logging.level.org.springframework.boot.SpringApplication=OFF");
        args.add("--logging.level.org.springframework.boot.diagnostics=OFF");
        args.add("--logging.level.org.springframework.context.annotation.AnnotationConfigApplicationContext=ERROR");
        // only serve has a web server (the console, the API and Actuator, on server.port); every other command starts none
        args.add("--spring.main.web-application-type=" + (this == SERVE ? "servlet" : "none"));
        if (this == SERVE) {
            args.add("--spring.quartz.auto-startup=true");
            // the load balancer's check (public): can this node serve? An overdue control is the cluster's
            // business, not one node's, and would otherwise take every node out of the pool at once
            args.add("--management.endpoint.health.group.lb.include=db,blobStore");
        } else {
            // the command prints each failure as one line on stderr; what Batch, the pool and the driver log
            // about it (stack traces included) goes to the log file only (logging.file.name)
            args.add("--logging.threshold.console=OFF");
        }
        return args;
    }
}
