package dev.custos.scheduler.approval;

import java.io.Console;

import org.springframework.stereotype.Component;

import dev.custos.common.CustosException;
import dev.custos.common.command.CommandException;
import dev.custos.common.command.ConsoleLogin;
import dev.custos.common.results.RunRecorder;
import dev.custos.scheduler.audit.OperatorAuditLog.Actor;
import dev.custos.scheduler.security.ConsoleCredentials;
import dev.custos.scheduler.security.ConsoleUser;
import dev.custos.scheduler.security.PasswordInput;
import dev.custos.scheduler.security.Role;

/**
 * Who acts on a four-eyes request from the command line. The OS user proves nothing there: a
 * shared account, or {@code -Duser.name=...}, names anyone. So a request made, approved or rejected
 * from a shell is made by a console ADMIN proving their identity with their console password
 * ({@link ConsoleCredentials}: the web login's checks and lockout), recorded under that name with
 * the OS user beside it; the requester check then compares console identities, whichever way
 * (console, API or command line) each side came.
 */
@Component
public class CommandLineIdentity {

    private final ConsoleCredentials credentials;

    CommandLineIdentity(ConsoleCredentials credentials) {
        this.credentials = credentials;
    }

    /**
     * The console ADMIN {@code login} proves to be, for {@code doing} (e.g. "approving a request"),
     * as an actor whose client address names the host and the OS user.
     *
     * @throws CommandException (usage) no user given, or no password to read
     * @throws ConsoleCredentials.RefusedException the name or password is wrong, or the user disabled or locked out
     * @throws NotAnAdminException the console user is no ADMIN
     */
    public Actor admin(ConsoleLogin login, String doing) {
        if (login == null || login.user() == null || login.user().isBlank()) {
            throw CommandException.usage(doing + " from the command line needs the console ADMIN who does it: --user NAME "
                    + "(the password is asked for, or read with --password-stdin); the OS user proves no identity; "
                    + "nothing was done");
        }
        ConsoleUser user = credentials.check(login.user().strip(), password(login));
        if (user.role() != Role.ADMIN) {
            throw new NotAnAdminException("the console user is no ADMIN: only an ADMIN makes, approves or rejects a "
                    + "four-eyes request; nothing was done");
        }
        return new Actor(user.name(), Role.ADMIN.name(), "command line on " + RunRecorder.hostName() + " as OS user "
                + System.getProperty("user.name"));
    }

    /**
     * The actor of {@code action} asked from the command line: the OS user when it is carried out at
     * once, the console ADMIN {@code requester} proves to be when it waits for approval here (a
     * request without a reason refused before the password is asked for).
     */
    public Actor of(String action, String reason, ConsoleLogin requester, FourEyes fourEyes) {
        if (!fourEyes.required(action)) {
            return Actor.shell();
        }
        fourEyes.requireReason(action, reason);
        return admin(requester, "a " + action + " request");
    }

    private static char[] password(ConsoleLogin login) {
        if (login.passwordStdin()) {
            return PasswordInput.fromStandardInput();
        }
        Console console = System.console();
        if (console == null) {
            throw CommandException.usage("no terminal to ask for the password: give it on standard input with "
                    + "--password-stdin");
        }
        char[] password = console.readPassword("Console password: ");
        if (password == null || password.length == 0) {
            throw CommandException.usage("no password given; nothing was done");
        }
        return password;
    }

    /** A console user who may not act on four-eyes requests. */
    public static class NotAnAdminException extends CustosException {
        NotAnAdminException(String message) {
            super(message);
        }
    }
}
