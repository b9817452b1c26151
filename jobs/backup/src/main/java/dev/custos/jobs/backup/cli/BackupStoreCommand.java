package dev.custos.jobs.backup.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import dev.custos.common.command.CommandApplication;
import dev.custos.common.command.CommandException;
import dev.custos.jobs.backup.BackupOperations;

/**
 * A {@code custos backup} command: it takes {@code --config} from its parent as well, and reads the
 * application's blob store with the configured key (never printed) through {@link BackupOperations}.
 */
abstract class BackupStoreCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = CommandApplication.CONFIG_DESCRIPTION)
    Path config;

    @Spec
    CommandSpec spec;

    @ParentCommand
    BackupCommand parent;

    abstract int call(BackupOperations operations);

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext context = parent.application.startReadOnly(
                config != null ? config : parent.config)) {
            return call(context);
        }
    }

    /** The command in its started application; by default, with the backups' operations. */
    int call(ConfigurableApplicationContext context) {
        return call(context.getBean(BackupOperations.class));
    }

    /** {@code which} when it is a backup id or one of {@code keywords}; a usage error otherwise. */
    static String idOr(String which, String... keywords) {
        if (BackupOperations.isBackupId(which) || List.of(keywords).contains(which)) {
            return which;
        }
        throw CommandException.usage("not a backup id: '" + which + "' (expected an id such as 2026-11-24.17, or "
                + String.join(" or ", keywords) + ")");
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
