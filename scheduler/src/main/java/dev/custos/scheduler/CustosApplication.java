package dev.custos.scheduler;

import java.time.ZoneOffset;
import java.util.TimeZone;

import org.springframework.boot.autoconfigure.SpringBootApplication;

import dev.custos.scheduler.cli.CustosCommandLine;

/** The one executable: {@code custos <command>}; every command starts the context it needs. */
@SpringBootApplication(scanBasePackages = "dev.custos")
public class CustosApplication {

    public static void main(String[] args) {
        /* Batch, the results schema and the period holds store times as zone-less DATETIME written
           and read in the JVM's zone: in UTC on every node, a run written in New York reads the same
           in Tokyo (executions, evidence verify, stale-run recovery). Schedules keep custos.zone. */
        TimeZone.setDefault(TimeZone.getTimeZone(ZoneOffset.UTC));
        System.exit(CustosCommandLine.execute(args));
    }
}
