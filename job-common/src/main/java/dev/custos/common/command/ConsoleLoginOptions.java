package dev.custos.common.command;

import picocli.CommandLine.Option;

/**
 * {@code --user NAME [--password-stdin]}, the picocli mixin of every command where a console ADMIN
 * makes or decides a four-eyes request from the command line: the scheduler's and the contributed ones.
 */
public final class ConsoleLoginOptions {

    @Option(names = "--user", paramLabel = "NAME", description = ConsoleLogin.USER_DESCRIPTION)
    String user;

    @Option(names = "--password-stdin", description = ConsoleLogin.PASSWORD_STDIN_DESCRIPTION)
    boolean passwordStdin;

    public ConsoleLogin login() {
        return new ConsoleLogin(user, passwordStdin);
    }
}
