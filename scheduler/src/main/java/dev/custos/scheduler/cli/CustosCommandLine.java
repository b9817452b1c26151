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

/**
 * {@code custos}: parses the command, starts the context the command needs and maps every
 * failure to one line on stderr and an exit code ({@link ExitCodes}), never a stack trace.
 */
@Command(name = "custos", mixinStandardHelpOptions = true, version = "custos 0.1.0",
        description = "Scheduled controls of the customer-information-protection program.",
        subcommands = {DemoCommand.class, ServeCommand.class, RunCommand.class, RestartCommand.class,
                AbandonCommand.class, ExecutionsCommand.class, SchedulesCommand.class, PauseCommand.class,
                ResumeCommand.class, RescheduleCommand.class, BackfillCommand.class, EvidenceCommand.class, ReportCommand.class})
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
        CommandLine commandLine = new CommandLine(new CustosCommandLine());
        CommandApplication application = config -> CustosContext.start(config, springOverrides, Mode.READ_ONLY).context();
        controls().forEach(control -> commandLine.addSubcommand(control.command(application)));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.getSubcommands().values().forEach(sub -> {
            if (sub.getCommand() instanceof SpringCommand command) {
                command.springOverrides = springOverrides;
            }
        });
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            String command = e.getCommandLine().getCommandName();
            e.getCommandLine().getErr().println("custos: " + e.getMessage() + " (see 'custos "
                    + ("custos".equals(command) ? "" : command + " ") + "--help')");
            return ExitCodes.USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            CustosException operatorError = Failures.operatorError(e);
            if (operatorError != null) {
                cmd.getErr().println("custos: " + operatorError.getMessage());
                return ExitCodes.of(operatorError);
            }
            if (Failures.isUnreachable(e)) {
                cmd.getErr().println("custos: cannot reach the database: " + Failures.rootMessage(e));
                return ExitCodes.ENVIRONMENT;
            }
            if (Failures.isMissingTable(e)) {
                cmd.getErr().println("custos: the database has no Custos tables (" + Failures.rootMessage(e)
                        + "): check spring.datasource.url and custos.results.schema, or run 'custos serve' or "
                        + "'custos run' once to create them");
                return ExitCodes.ENVIRONMENT;
            }
            cmd.getErr().println("custos: unexpected failure: " + Failures.rootMessage(e));
            return ExitCodes.FAILED;
        });
        return commandLine.execute(commandArgs.toArray(String[]::new));
    }

    /** What the controls add to the command line (their commands, the demo's settings), found without starting Spring. */
    static List<ControlCommandLine> controls() {
        return SpringFactoriesLoader.loadFactories(ControlCommandLine.class, CustosCommandLine.class.getClassLoader());
    }
}
