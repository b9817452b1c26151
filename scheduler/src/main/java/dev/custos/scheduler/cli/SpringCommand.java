package dev.custos.scheduler.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import dev.custos.common.command.CommandApplication;

/** A command that runs inside the Spring application; it takes --config and --name=value overrides. */
abstract class SpringCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = CommandApplication.CONFIG_DESCRIPTION)
    Path config;

    @Spec
    CommandSpec spec;

    List<String> springOverrides = List.of();

    abstract Mode mode();

    abstract int call(CustosContext context);

    /** Refuses arguments that are wrong whatever the database holds, before the application starts. */
    void checkArguments() {
    }

    @Override
    public Integer call() {
        checkArguments();
        try (CustosContext context = CustosContext.start(config, springOverrides, mode())) {
            return call(context);
        }
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
