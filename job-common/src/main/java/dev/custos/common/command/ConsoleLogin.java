package dev.custos.common.command;

/**
 * The console user a command acts as where the OS user is not proof enough: a four-eyes request
 * made or decided from the command line ({@link ApprovalGate}). {@code user} is the console user's
 * name (null: none given); the password is read by whoever checks it, as one line from standard
 * input when {@code passwordStdin}, otherwise asked for on the terminal.
 */
public record ConsoleLogin(String user, boolean passwordStdin) {

    /** The description of a command's {@code --user NAME} option, the same on every command. */
    public static final String USER_DESCRIPTION = "the console ADMIN making or deciding a four-eyes request "
            + "(custos.approvals.required); the password is asked for, or read with --password-stdin";

    /** The description of a command's {@code --password-stdin} option. */
    public static final String PASSWORD_STDIN_DESCRIPTION = "read the --user's password as one line from standard input";
}
