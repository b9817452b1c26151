package dev.custos.scheduler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Every command, option and parameter of {@code custos}, the controls' commands included, says what it is for. */
class CommandHelpTextTest {

    @Test
    void everyCommandOptionAndParameterHasHelpText() {
        List<String> undescribed = new ArrayList<>();
        List<String> walked = new ArrayList<>();
        walk(CustosCommandLine.commandLine(List.of()), undescribed, walked);

        assertThat(walked).as("the walk reaches the controls' subcommands and their parameters")
                .contains("custos backup restore --to", "custos backup verify ID|latest|all", "custos restart EXECUTION_ID",
                        "custos executions --job", "custos backfill --from");
        assertThat(undescribed).as("options and parameters without a description").isEmpty();
    }

    private static void walk(CommandLine commandLine, List<String> undescribed, List<String> walked) {
        CommandSpec spec = commandLine.getCommandSpec();
        String command = spec.qualifiedName();
        if (String.join("", spec.usageMessage().description()).isBlank()) {
            undescribed.add(command + " (the command)");
        }
        for (OptionSpec option : spec.options()) {
            check(command + " " + option.longestName(), option, undescribed, walked);
        }
        for (ArgSpec positional : spec.positionalParameters()) {
            check(command + " " + positional.paramLabel(), positional, undescribed, walked);
        }
        commandLine.getSubcommands().values().forEach(sub -> walk(sub, undescribed, walked));
    }

    private static void check(String name, ArgSpec arg, List<String> undescribed, List<String> walked) {
        walked.add(name);
        if (String.join("", arg.description()).isBlank()) {
            undescribed.add(name);
        }
    }
}
