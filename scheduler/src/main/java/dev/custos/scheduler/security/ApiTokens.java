package dev.custos.scheduler.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import dev.custos.common.command.CommandException;
import dev.custos.common.results.ResultsSchema;

/**
 * Personal API tokens: {@code custos_<id>_<secret>}, a 256-bit random secret of which only the
 * SHA-256 is stored, and a short random id that names the token in lists and the audit log. A
 * token acts with its user's role as it is now; it stops working once revoked, expired, or its
 * user is disabled or locked. The secret is returned once, by {@link #create}, and never again.
 */
@Service
public class ApiTokens {

    /** A token as listed: never its secret. */
    public record ApiToken(String id, String user, String name, Instant createdAt, Instant expiresAt,
                           Instant lastUsedAt) {
    }

    /** A token just created: the only time its secret is known. */
    public record CreatedToken(ApiToken token, String secret) {
    }

    static final String PREFIX = "custos_";
    private static final Pattern TOKEN = Pattern.compile("custos_([0-9a-f]{12})_([A-Za-z0-9_-]{43})");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._@-]{0,99}");
    private static final int MAX_DAYS = 3650;

    private static final String COLUMNS = "id, user_name, name, created_at_utc, expires_at_utc, last_used_at_utc";
    private static final String INSERT = """
            INSERT INTO {results}.api_token (id, user_name, name, secret_sha256, created_at_utc, expires_at_utc)
            VALUES (?, ?, ?, ?, ?, ?)""";
    private static final String SELECT_OF_USER = "SELECT " + COLUMNS
            + " FROM {results}.api_token WHERE user_name = ? ORDER BY created_at_utc, id";
    private static final String SELECT_FOR_CHECK = "SELECT " + COLUMNS + ", secret_sha256 FROM {results}.api_token WHERE id = ?";
    private static final String DELETE = "DELETE FROM {results}.api_token WHERE id = ? AND user_name = ?";
    private static final String RECORD_USE = "UPDATE {results}.api_token SET last_used_at_utc = ? WHERE id = ?";

    private final JdbcTemplate jdbc;
    private final ResultsSchema schema;
    private final UserAccounts users;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();

    public ApiTokens(JdbcTemplate jdbc, ResultsSchema schema, UserAccounts users) {
        this.jdbc = jdbc;
        this.schema = schema;
        this.users = users;
    }

    /** A new token for {@code user}, expiring after {@code expiresInDays} days (null: never). */
    public CreatedToken create(String user, String name, Integer expiresInDays) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw CommandException.usage("a token name is 1 to 100 letters, digits, spaces and . _ @ -, "
                    + "starting with a letter or digit");
        }
        if (expiresInDays != null && (expiresInDays < 1 || expiresInDays > MAX_DAYS)) {
            throw CommandException.usage("a token expires in 1 to " + MAX_DAYS + " days, not " + expiresInDays);
        }
        if (users.find(user).isEmpty()) {
            throw CommandException.usage("no user of that name (see: custos user list)");
        }
        String id = HexFormat.of().formatHex(randomBytes(6));
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
        Instant now = clock.instant();
        Instant expiresAt = expiresInDays == null ? null : now.plus(Duration.ofDays(expiresInDays));
        jdbc.update(schema.sql(INSERT), id, user, name, sha256(secret), UserAccounts.utc(now),
                expiresAt == null ? null : UserAccounts.utc(expiresAt));
        return new CreatedToken(new ApiToken(id, user, name, now, expiresAt, null), PREFIX + id + "_" + secret);
    }

    public List<ApiToken> list(String user) {
        return jdbc.query(schema.sql(SELECT_OF_USER), ApiTokens::token, user);
    }

    /**
     * Revokes {@code user}'s token {@code id}; false when there is none (revoked already, or another
     * user's: as unknown as a missing one).
     */
    public boolean revoke(String user, String id) {
        return jdbc.update(schema.sql(DELETE), id, user) > 0;
    }

    /** The token's user when {@code presented} is a live token of an enabled, unlocked user; its use recorded. */
    Optional<ConsoleUser> authenticate(String presented) {
        Matcher matcher = TOKEN.matcher(presented);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String id = matcher.group(1);
        byte[] presentedHash = sha256(matcher.group(2)).getBytes(StandardCharsets.US_ASCII);
        record Stored(ApiToken token, String hash) {
        }
        Optional<Stored> stored = jdbc.query(schema.sql(SELECT_FOR_CHECK),
                (rs, i) -> new Stored(token(rs, i), rs.getString("secret_sha256")), id).stream().findFirst();
        Instant now = clock.instant();
        Optional<ConsoleUser> user = stored
                .filter(found -> MessageDigest.isEqual(found.hash().getBytes(StandardCharsets.US_ASCII), presentedHash))
                .filter(found -> found.token().expiresAt() == null || now.isBefore(found.token().expiresAt()))
                .flatMap(found -> users.find(found.token().user()))
                .filter(ConsoleUser::enabled)
                .filter(found -> !users.locked(found));
        user.ifPresent(found -> jdbc.update(schema.sql(RECORD_USE), UserAccounts.utc(now), id));
        return user;
    }

    private byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static ApiToken token(ResultSet rs, int i) throws SQLException {
        return new ApiToken(rs.getString("id"), rs.getString("user_name"), rs.getString("name"),
                UserAccounts.instant(rs.getTimestamp("created_at_utc")), UserAccounts.instant(rs.getTimestamp("expires_at_utc")),
                UserAccounts.instant(rs.getTimestamp("last_used_at_utc")));
    }
}
