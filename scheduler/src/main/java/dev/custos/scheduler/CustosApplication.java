package dev.custos.scheduler;

import org.springframework.boot.autoconfigure.SpringBootApplication;

import dev.custos.scheduler.cli.CustosCommandLine;

/** The one executable: {@code custos <command>}; every command starts the context it needs. */
@SpringBootApplication(scanBasePackages = "dev.custos")
public class CustosApplication {

    public static void main(String[] args) {
        System.exit(CustosCommandLine.execute(args));
    }
}
