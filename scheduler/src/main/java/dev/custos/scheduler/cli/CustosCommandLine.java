package dev.custos.scheduler.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.core.io.support.SpringFactoriesLoader;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import dev.custos.common.CustosException;
import dev.custos.common.command.CommandApplication;
import dev.custos.common.command.ControlCommandLine;
import dev.custos.common.results.CodeVersion;

/**
 * {@code custos}: parses the command, starts the context the command needs and maps every
 * failure to one line on stderr and an exit code ({@link ExitCodes}), never a stack trace.
 */
@Command(name = "custos", mixinStandardHelpOptions = true, versionProvider = CustosCommandLine.Version.class,
        description = "Scheduled controls of the customer-information-protection program.",
        subcommands = {DemoCommand.class, ServeCommand.class, WorkerCommand.class, RunCommand.class, RestartCommand.class,
                AbandonCommand.class, ExecutionsCommand.class, SchedulesCommand.class, PauseCommand.class,
                ResumeCommand.class, RescheduleCommand.class, BackfillCommand.class, EvidenceCommand.class, ReportCommand.class,
                UserCommand.class, ApprovalsCommand.class, TokenCommand.class})
public final class CustosCommandLine implements Runnable {

    /** Spring overrides: {@code --some.property=value} (a dotted name), passed to Spring, not picocli. */
    private static final Pattern SPRING_OVERRIDE = Pattern.compile("--[a-zA-Z][\\w-]*(\\.[\\w\\[\\]-]+)+=.*");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }

    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        List<String> commandArgs = new ArrayList<>();
        List<String> springOverrides = new ArrayList<>();
        for (String arg : args) {
            (SPRING_OVERRIDE.matcher(arg).matches() ? springOverrides : commandArgs).add(arg);
        }
        CommandLine commandLine = commandLine(springOverrides);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            e.getCommandLine().getErr().println("custos: " + Failures.oneLine(e.getMessage()) + " (see '"
                    + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return ExitCodes.USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            CustosException operatorError = Failures.operatorError(e);
            if (operatorError != null) {
                cmd.getErr().println("custos: " + Failures.oneLine(operatorError.getMessage()));
                int code = ExitCodes.of(operatorError);
                return code == ExitCodes.FAILED && Failures.isConfiguration(e) ? ExitCodes.ENVIRONMENT : code;
            }
            String setup = Failures.databaseSetupMessage(e);
            if (setup != null) {
                cmd.getErr().println("custos: " + setup);
                return ExitCodes.ENVIRONMENT;
            }
            if (Failures.isUnreachable(e)) {
                cmd.getErr().println("custos: cannot reach the database: " + Failures.rootMessage(e));
                return ExitCodes.ENVIRONMENT;
            }
            if (Failures.isConfiguration(e)) {
                cmd.getErr().println("custos: configuration: " + Failures.rootMessage(e));
                return ExitCodes.ENVIRONMENT;
            }
            cmd.getErr().println("custos: unexpected failure: " + Failures.rootMessage(e));
            return ExitCodes.FAILED;
        });
        return commandLine.execute(commandArgs.toArray(String[]::new));
    }

    /** Every command, the controls' included; the Spring ones start their application with {@code springOverrides}. */
    static CommandLine commandLine(List<String> springOverrides) {
        CommandLine commandLine = new CommandLine(new CustosCommandLine());
        CommandApplication application = config -> CustosContext.start(config, springOverrides, Mode.READ_ONLY).context();
        controls().forEach(control -> commandLine.addSubcommand(control.command(application)));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        passOverrides(commandLine, springOverrides);
        everyVersionOption(commandLine, new Version());
        return commandLine;
    }

    /** Every Spring command, nested ones ({@code custos user add}) included, starts with {@code springOverrides}. */
    private static void passOverrides(CommandLine commandLine, List<String> springOverrides) {
        commandLine.getSubcommands().values().forEach(sub -> {
            if (sub.getCommand() instanceof SpringCommand command) {
                command.springOverrides = springOverrides;
            }
            passOverrides(sub, springOverrides);
        });
    }

    /** {@code -V, --version} of every command, subcommands included, prints what {@code custos --version} does. */
    private static void everyVersionOption(CommandLine commandLine, Version version) {
        commandLine.getCommandSpec().versionProvider(version);
        commandLine.getSubcommands().values().forEach(sub -> everyVersionOption(sub, version));
    }

    /** What runs record as their code version ({@link CodeVersion}), e.g. {@code custos 0.1.0-SNAPSHOT+<commit>}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"custos " + CodeVersion.current()};
        }
    }

    /** What the controls add to the command line (their commands, the demo's settings), found without starting Spring. */
    static List<ControlCommandLine> controls() {
        return SpringFactoriesLoader.loadFactories(ControlCommandLine.class, CustosCommandLine.class.getClassLoader());
    }
}
