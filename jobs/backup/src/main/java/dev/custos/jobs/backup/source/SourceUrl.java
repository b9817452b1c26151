package dev.custos.jobs.backup.source;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.custos.common.CustosException;

/**
 * A source's JDBC URL as messages show it. Its user-info and its parameters (after {@code ?} or
 * {@code ;}) may hold a password, so they are left out; the drivers' messages quote the URL, so
 * it and its secrets are taken out of them too. A URL with user-info is parsed differently by
 * each driver, which then quotes pieces of it ("Incorrect port value : S3cret@host"): its
 * drivers' messages are left out.
 */
final class SourceUrl {

    private static final String HOST = "(?:\\[[0-9A-Fa-f:.]*\\]|[\\w.%-]*)(?::\\d+)?";
    /** scheme, user-info, hosts, path, parameters; a URL it does not match is shown up to its scheme. */
    private static final Pattern WITH_AUTHORITY = Pattern.compile("(jdbc:[\\w.+-]+(?::[\\w.+-]+)*://)"
            + "(?:([^/?;]*)@)?(" + HOST + "(?:," + HOST + ")*)(/[^?;@]*)?([?;].*)?", Pattern.DOTALL);
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "[^?;&=]*(?i:pass|pwd|secret|token|key|credential)[^?;&=]*=([^?;&]*)");
    private static final String HIDDEN = "...";
    private static final String LEFT_OUT = "(the driver's message is left out: it may quote the password in the"
            + " URL's user-info)";

    private final String url;
    private final String shown;
    private final boolean hasUserInfo;
    /** Longest first, so that no part of a longer one is left behind. */
    private final List<String> secrets;

    private SourceUrl(String url, String shown, boolean hasUserInfo, Set<String> secrets) {
        this.url = url;
        this.shown = shown;
        this.hasUserInfo = hasUserInfo;
        this.secrets = secrets.stream().filter(secret -> !secret.isEmpty())
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    static SourceUrl of(BackupSource source) {
        if (source.usesApplicationDataSource()) {
            return new SourceUrl(null, "the application's datasource", false, Set.of());
        }
        String url = source.url();
        Set<String> secrets = new HashSet<>();
        Matcher parameter = SECRET_PARAMETER.matcher(url);
        while (parameter.find()) {
            addDecodedToo(secrets, parameter.group(1));
        }
        Matcher parts = WITH_AUTHORITY.matcher(url);
        if (parts.matches()) {
            String userInfo = parts.group(2);
            String parameters = parts.group(5);
            if (parameters != null) {
                secrets.add(parameters.substring(1));
            }
            return new SourceUrl(url, parts.group(1) + (userInfo == null ? "" : HIDDEN + "@") + parts.group(3)
                    + (parts.group(4) == null ? "" : parts.group(4))
                    + (parameters == null ? "" : parameters.charAt(0) + HIDDEN), userInfo != null, secrets);
        }
        int scheme = url.startsWith("jdbc:") ? url.indexOf(':', "jdbc:".length()) : -1;
        String shown = scheme < 0 ? HIDDEN : url.substring(0, scheme + 1) + HIDDEN;
        secrets.add(url.substring(shown.length() - HIDDEN.length()));
        return new SourceUrl(url, shown, url.contains("@"), secrets);
    }

    private static void addDecodedToo(Set<String> secrets, String secret) {
        secrets.add(secret);
        try {
            secrets.add(URLDecoder.decode(secret, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            // not %-encoded: only as written
        }
    }

    /** Reading the source failed: a message that names the source and shows the URL without secrets. */
    CustosException readingFailed(BackupSource source, SQLException e) {
        SQLException failure = scrubbed(e);
        return new CustosException("backup source '" + source.name() + "': reading the database (" + shown
                + ") failed: " + failure.getMessage(), failure);
    }

    /**
     * {@code failure}, or when a message of it or of its causes quotes the URL's secrets, a copy
     * without them and without those causes.
     */
    SQLException scrubbed(SQLException failure) {
        boolean quotesSecrets = false;
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 20 && !quotesSecrets; t = t.getCause(), depth++) {
            quotesSecrets = t.getMessage() != null && !t.getMessage().equals(scrub(t.getMessage()));
        }
        if (!quotesSecrets) {
            return failure;
        }
        SQLException copy = new SQLException(scrub(failure.getMessage()), failure.getSQLState(),
                failure.getErrorCode());
        copy.setStackTrace(failure.getStackTrace());
        return copy;
    }

    private String scrub(String message) {
        if (message == null || url == null) {
            return message;
        }
        if (hasUserInfo) {
            return LEFT_OUT;
        }
        String scrubbed = message.replace(url, shown);
        for (String secret : secrets) {
            scrubbed = scrubbed.replace(secret, HIDDEN);
        }
        return scrubbed;
    }
}
