package dev.custos.scheduler.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

import dev.custos.common.command.CommandException;
import dev.custos.common.results.ResultsSchema;

/**
 * The console's users, for {@code custos user ...} and the web alike: stored with a bcrypt hash
 * (Spring Security's delegating encoder, {@code {bcrypt}...}), never a password; one role each;
 * the login throttle counted here. Messages name no user: the operator knows whom they typed.
 */
@Service
@EnableConfigurationProperties(LoginProperties.class)
public class UserAccounts {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,99}");

    private static final String COLUMNS = """
            name, role, enabled, failed_logins, locked_until_utc, created_at_utc, password_changed_at_utc,
            last_login_at_utc""";
    private static final String INSERT = """
            INSERT INTO {results}.console_user (name, password_hash, role, enabled, failed_logins, created_at_utc,
                                                password_changed_at_utc)
            VALUES (?, ?, ?, TRUE, 0, ?, ?)""";
    private static final String SELECT_ALL = "SELECT " + COLUMNS + " FROM {results}.console_user ORDER BY name";
    private static final String SELECT_ONE = "SELECT " + COLUMNS + " FROM {results}.console_user WHERE name = ?";
    private static final String SELECT_HASH = "SELECT password_hash FROM {results}.console_user WHERE name = ?";
    private static final String EXISTS = "SELECT COUNT(*) FROM {results}.console_user WHERE name = ?";
    private static final String UPDATE_PASSWORD = """
            UPDATE {results}.console_user SET password_hash = ?, password_changed_at_utc = ?, failed_logins = 0,
                   locked_until_utc = NULL WHERE name = ?""";
    private static final String DISABLE = "UPDATE {results}.console_user SET enabled = FALSE WHERE name = ?";
    private static final String RECORD_FAILURE = """
            UPDATE {results}.console_user SET failed_logins = failed_logins + 1 WHERE name = ?""";
    private static final String LOCK = """
            UPDATE {results}.console_user SET locked_until_utc = ?, failed_logins = 0
            WHERE name = ? AND failed_logins >= ?""";
    private static final String RECORD_SUCCESS = """
            UPDATE {results}.console_user SET failed_logins = 0, locked_until_utc = NULL, last_login_at_utc = ?
            WHERE name = ?""";

    private final JdbcTemplate jdbc;
    private final ResultsSchema schema;
    private final LoginProperties login;
    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private final Clock clock = Clock.systemUTC();

    public UserAccounts(JdbcTemplate jdbc, ResultsSchema schema, LoginProperties login) {
        this.jdbc = jdbc;
        this.schema = schema;
        this.login = login;
    }

    public void add(String name, Role role, char[] password) {
        checkName(name);
        checkPassword(password);
        if (exists(name)) {
            throw CommandException.usage("a user of that name already exists (to change the password: custos user passwd)");
        }
        Timestamp now = utc(clock.instant());
        jdbc.update(schema.sql(INSERT), name, encoder.encode(new String(password)), role.name(), now, now);
    }

    public void changePassword(String name, char[] password) {
        checkPassword(password);
        requireExisting(name);
        jdbc.update(schema.sql(UPDATE_PASSWORD), encoder.encode(new String(password)), utc(clock.instant()), name);
    }

    public void disable(String name) {
        requireExisting(name);
        jdbc.update(schema.sql(DISABLE), name);
    }

    public List<ConsoleUser> list() {
        return jdbc.query(schema.sql(SELECT_ALL), UserAccounts::user);
    }

    public Optional<ConsoleUser> find(String name) {
        return jdbc.query(schema.sql(SELECT_ONE), UserAccounts::user, name).stream().findFirst();
    }

    /** Whether {@code user} is locked out by the login throttle now. */
    public boolean locked(ConsoleUser user) {
        return user.lockedUntil() != null && clock.instant().isBefore(user.lockedUntil());
    }

    /** The stored hash, for the password check only. */
    Optional<String> passwordHash(String name) {
        return jdbc.queryForList(schema.sql(SELECT_HASH), String.class, name).stream().findFirst();
    }

    PasswordEncoder encoder() {
        return encoder;
    }

    /** A wrong password: counted; the count reaching the limit locks the user for the lockout period. */
    void recordFailedLogin(String name) {
        jdbc.update(schema.sql(RECORD_FAILURE), name);
        jdbc.update(schema.sql(LOCK), utc(clock.instant().plus(login.lockout())), name, login.maxFailures());
    }

    void recordLogin(String name) {
        jdbc.update(schema.sql(RECORD_SUCCESS), utc(clock.instant()), name);
    }

    private boolean exists(String name) {
        Integer count = jdbc.queryForObject(schema.sql(EXISTS), Integer.class, name);
        return count != null && count > 0;
    }

    private void requireExisting(String name) {
        if (!exists(name)) {
            throw CommandException.usage("no user of that name (see: custos user list)");
        }
    }

    /** Refuses a name or password {@link #add} would refuse, before anything is spent on them. */
    void checkNewUser(String name, char[] password) {
        checkName(name);
        checkPassword(password);
    }

    private static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw CommandException.usage("a user name is 1 to 100 letters, digits and . _ @ -, starting with a letter or digit");
        }
    }

    private void checkPassword(char[] password) {
        if (password == null || password.length < login.minPasswordLength()) {
            throw CommandException.usage("the password is too short: at least " + login.minPasswordLength()
                    + " characters (custos.console.login.min-password-length)");
        }
    }

    private static ConsoleUser user(ResultSet rs, int i) throws SQLException {
        return new ConsoleUser(rs.getString("name"), Role.valueOf(rs.getString("role")), rs.getBoolean("enabled"),
                rs.getInt("failed_logins"), instant(rs.getTimestamp("locked_until_utc")),
                instant(rs.getTimestamp("created_at_utc")), instant(rs.getTimestamp("password_changed_at_utc")),
                instant(rs.getTimestamp("last_login_at_utc")));
    }

    /** Columns {@code *_utc} hold the UTC wall-clock time, whatever the JVM's or the server's zone. */
    static Timestamp utc(Instant instant) {
        return Timestamp.valueOf(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    static Instant instant(Timestamp utc) {
        return utc == null ? null : utc.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }
}
