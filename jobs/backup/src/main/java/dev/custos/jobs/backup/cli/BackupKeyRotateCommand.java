package dev.custos.jobs.backup.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import dev.custos.common.command.ApprovalGate;
import dev.custos.common.command.CommandApplication;
import dev.custos.common.command.CommandException;
import dev.custos.common.command.ConsoleLoginOptions;
import dev.custos.common.command.ControlCommandLine;

@Command(name = "rotate", mixinStandardHelpOptions = true,
        description = "Add a new key to the keyset in FILE and make it the primary: backups from the next run on are "
                + "encrypted with it, and the older keys stay in FILE to read the older backups. FILE (or the file a "
                + "link FILE points to) is replaced in one step, keeping its owner, group and permissions. Where key "
                + "rotations wait for a second admin's approval (custos.approvals.required), a request is stored "
                + "instead (exit 5), made by the console ADMIN --user names: the approving process rotates FILE on its "
                + "host. A rotation carried out is in the operator audit log, so the results database must be "
                + "reachable: nothing is rotated when it is not.")
final class BackupKeyRotateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "the keyset file (custos.backup.key-file)")
    Path file;

    @Option(names = "--reason", paramLabel = "TEXT", description = "why: required where key rotations wait for a "
            + "second admin's approval, kept with the request and in the audit log; short, no names or other "
            + "personal data")
    String reason;

    @Option(names = "--config", paramLabel = "FILE", description = CommandApplication.CONFIG_DESCRIPTION)
    Path config;

    @Mixin
    ConsoleLoginOptions requester;

    @ParentCommand
    BackupKeyCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(file)) {
            throw CommandException.usage("no keyset file " + file + "; create one with 'custos backup key create "
                    + file + "'");
        }
        Path absolute = file.toAbsolutePath().normalize();
        BackupCommand backup = parent.parent;
        try (ConfigurableApplicationContext context = backup.application.startReadOnly(
                config != null ? config : backup.config)) {
            OptionalLong request = context.getBean(ApprovalGate.class).requestOrProceed(ApprovalGate.KEY_ROTATION,
                    "keyset " + absolute, Map.of(BackupApprovedActions.FILE, absolute.toString()), reason,
                    requester.login(), () -> {
                        String rotated = BackupApprovedActions.rotate(file);
                        spec.commandLine().getOut().printf("%s%nRenew the copy kept apart from the backups' store.%n",
                                rotated);
                    }, BackupApprovedActions.ROTATED);
            if (request.isPresent()) {
                spec.commandLine().getOut().println(ApprovalGate.storedMessage(request.getAsLong()));
                return ControlCommandLine.AWAITING_APPROVAL;
            }
        }
        return ControlCommandLine.OK;
    }
}
