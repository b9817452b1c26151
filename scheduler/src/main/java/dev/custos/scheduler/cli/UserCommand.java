package dev.custos.scheduler.cli;

import java.io.Console;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import dev.custos.common.command.CommandOutput;
import dev.custos.scheduler.audit.OperatorAuditLog;
import dev.custos.scheduler.security.ConsoleUser;
import dev.custos.scheduler.security.PasswordInput;
import dev.custos.scheduler.security.Role;
import dev.custos.scheduler.security.UserAccounts;

/**
 * {@code custos user add|passwd|disable|list}: the console's users. A password is never an
 * argument (it would stay in the shell history and the process list): it is asked for twice on
 * the terminal, or read as one line from standard input with {@code --password-stdin}. There is
 * no default user: the first ADMIN is created with this command.
 */
@Command(name = "user", mixinStandardHelpOptions = true,
        description = "Manage the users of the console and API (custos serve).",
        subcommands = {UserCommand.Add.class, UserCommand.Passwd.class, UserCommand.Disable.class, UserCommand.List.class})
final class UserCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing command: add, passwd, disable or list");
    }

    /** Carries out a change of the users and records it in the operator audit log (the password never). */
    private static void audited(CustosContext context, String action, String name, String arguments, Runnable change) {
        context.bean(OperatorAuditLog.class).carryOut(OperatorAuditLog.Actor.shell(), action, "user " + name, arguments,
                null, () -> {
                    change.run();
                    return "DONE";
                }, outcome -> outcome);
    }

    /** A user command that sets a password. */
    abstract static class PasswordCommand extends SpringCommand {

        @Option(names = "--password-stdin", description = "read the password as one line from standard input "
                + "instead of asking for it on the terminal")
        boolean passwordStdin;

        @Override
        Mode mode() {
            return Mode.RUN;
        }

        char[] password() {
            if (passwordStdin) {
                return PasswordInput.fromStandardInput();
            }
            Console console = System.console();
            if (console == null) {
                throw new UsageException("no terminal to ask for the password: give it on standard input with --password-stdin");
            }
            char[] password = console.readPassword("Password: ");
            char[] again = console.readPassword("Password again: ");
            if (password == null || !Arrays.equals(password, again)) {
                throw new UsageException("the two passwords differ; nothing was changed");
            }
            return password;
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add a user with a role; the password is asked for (or read with --password-stdin).")
    static final class Add extends PasswordCommand {

        @Parameters(paramLabel = "NAME", description = "the user's login name")
        String name;

        @Option(names = "--role", paramLabel = "R", required = true,
                description = "OPS, ADMIN, MANAGER or AUDITOR (see the README's roles)")
        String role;

        @Override
        void checkArguments() {
            Role.parse(role);
        }

        @Override
        int call(CustosContext context) {
            Role parsed = Role.parse(role);
            char[] password = password();
            audited(context, "user add", name, "role=" + parsed, () -> context.bean(UserAccounts.class).add(name, parsed, password));
            out().println("user added with role " + parsed);
            return ExitCodes.OK;
        }
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true,
            description = "Set a user's password (and lift a login lockout); asked for, or read with --password-stdin.")
    static final class Passwd extends PasswordCommand {

        @Parameters(paramLabel = "NAME", description = "the user's login name")
        String name;

        @Override
        int call(CustosContext context) {
            char[] password = password();
            audited(context, "user passwd", name, null, () -> context.bean(UserAccounts.class).changePassword(name, password));
            out().println("password changed");
            return ExitCodes.OK;
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = "Disable a user: their logins are refused from now on.")
    static final class Disable extends SpringCommand {

        @Parameters(paramLabel = "NAME", description = "the user's login name")
        String name;

        @Override
        Mode mode() {
            return Mode.RUN;
        }

        @Override
        int call(CustosContext context) {
            audited(context, "user disable", name, null, () -> context.bean(UserAccounts.class).disable(name));
            out().println("user disabled");
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the users: name, role, enabled, locked until, created, last login. Times in ISO-8601 UTC.")
    static final class List extends SpringCommand {

        @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
                description = CommandOutput.FORMAT_DESCRIPTION)
        CommandOutput.Format format;

        @Override
        Mode mode() {
            return Mode.RUN;
        }

        @Override
        int call(CustosContext context) {
            UserAccounts users = context.bean(UserAccounts.class);
            java.util.List<ConsoleUser> all = users.list();
            if (format == CommandOutput.Format.json) {
                CommandOutput.printJson(out(), all.stream().map(user -> json(user, users.locked(user))).toList());
                return ExitCodes.OK;
            }
            out().printf("%-24s %-8s %-8s %-20s %-20s %s%n", "NAME", "ROLE", "ENABLED", "LOCKED_UNTIL", "CREATED",
                    "LAST_LOGIN");
            for (ConsoleUser user : all) {
                out().printf("%-24s %-8s %-8s %-20s %-20s %s%n", user.name(), user.role(), user.enabled() ? "yes" : "no",
                        users.locked(user) ? CommandOutput.utc(user.lockedUntil()) : "-",
                        CommandOutput.utc(user.createdAt()),
                        user.lastLoginAt() == null ? "-" : CommandOutput.utc(user.lastLoginAt()));
            }
            return ExitCodes.OK;
        }

        private static Map<String, Object> json(ConsoleUser user, boolean locked) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", user.name());
            row.put("role", user.role().name());
            row.put("enabled", user.enabled());
            row.put("lockedUntil", locked ? CommandOutput.utc(user.lockedUntil()) : null);
            row.put("createdAt", CommandOutput.utc(user.createdAt()));
            row.put("passwordChangedAt", CommandOutput.utc(user.passwordChangedAt()));
            row.put("lastLoginAt", CommandOutput.utc(user.lastLoginAt()));
            return row;
        }
    }
}
