package dev.custos.scheduler.security;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import dev.custos.common.command.CommandException;
import dev.custos.common.results.ResultsSchema;
import dev.custos.scheduler.audit.OperatorAuditLog;

/**
 * The one-time setup token: when {@code custos serve} starts and no console user exists, a new random
 * token is made (only its SHA-256 kept, any earlier one dropped) and printed once; {@code /setup}
 * with it creates the first ADMIN and deletes it. Once any user exists, setup is closed, whatever
 * token is shown. There is never a default password.
 */
@Service
public class SetupToken {

    private static final String COUNT_USERS = "SELECT COUNT(*) FROM {results}.console_user";
    private static final String DELETE_ALL = "DELETE FROM {results}.console_setup_token";
    private static final String INSERT = "INSERT INTO {results}.console_setup_token (token_sha256, created_at_utc) VALUES (?, ?)";
    private static final String CONSUME = "DELETE FROM {results}.console_setup_token WHERE token_sha256 = ?";

    /** Why a setup was refused, in words for the person at the form. */
    public static final class SetupRefused extends RuntimeException {
        SetupRefused(String message) {
            super(message);
        }
    }

    private final JdbcTemplate jdbc;
    private final ResultsSchema schema;
    private final UserAccounts users;
    private final OperatorAuditLog auditLog;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();

    public SetupToken(JdbcTemplate jdbc, ResultsSchema schema, UserAccounts users, OperatorAuditLog auditLog) {
        this.jdbc = jdbc;
        this.schema = schema;
        this.users = users;
        this.auditLog = auditLog;
    }

    /** A new setup token when the console has no user yet (to print once), nothing otherwise. */
    public Optional<String> issueIfNoUser() {
        if (anyUser()) {
            jdbc.update(schema.sql(DELETE_ALL));
            return Optional.empty();
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jdbc.update(schema.sql(DELETE_ALL));
        jdbc.update(schema.sql(INSERT), ApiTokens.sha256(token), UserAccounts.utc(clock.instant()));
        return Optional.of(token);
    }

    /** Whether setup is still open: no console user exists. */
    boolean open() {
        return !anyUser();
    }

    /** Creates the first ADMIN with the setup token, which dies with it. */
    void createFirstAdmin(String token, String name, char[] password, char[] again, String clientAddress) {
        if (anyUser()) {
            throw new SetupRefused("Setup is closed: the console has users. An ADMIN adds more (custos user add).");
        }
        if (password == null || !Arrays.equals(password, again)) {
            throw new SetupRefused("The two passwords differ; nothing was created.");
        }
        try {
            users.checkNewUser(name, password);
        } catch (CommandException e) {
            throw new SetupRefused(e.getMessage());
        }
        if (token == null || token.isBlank() || jdbc.update(schema.sql(CONSUME), ApiTokens.sha256(token.trim())) == 0) {
            throw new SetupRefused("The setup token is wrong or was used already. Restart custos serve for a new one, "
                    + "or create the first ADMIN with: custos user add NAME --role ADMIN");
        }
        auditLog.carryOut(new OperatorAuditLog.Actor(name, "SETUP", clientAddress), "setup", "user " + name,
                "role=" + Role.ADMIN, null, () -> {
                    users.add(name, Role.ADMIN, password);
                    return "DONE";
                }, outcome -> outcome);
    }

    private boolean anyUser() {
        Integer count = jdbc.queryForObject(schema.sql(COUNT_USERS), Integer.class);
        return count != null && count > 0;
    }
}
