package dev.custos.scheduler.cli;

import picocli.CommandLine.Option;

import dev.custos.common.command.ConsoleLogin;

/** {@code --user NAME [--password-stdin]}: the console ADMIN who makes or decides a four-eyes request from the command line. */
final class ConsoleLoginOptions {

    @Option(names = "--user", paramLabel = "NAME", description = ConsoleLogin.USER_DESCRIPTION)
    String user;

    @Option(names = "--password-stdin", description = ConsoleLogin.PASSWORD_STDIN_DESCRIPTION)
    boolean passwordStdin;

    ConsoleLogin login() {
        return new ConsoleLogin(user, passwordStdin);
    }
}
