package dev.custos.common.results;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The version of the code a run executes, recorded with every run row: the project version and
 * the git commit the build was made from, as {@code 0.1.0-SNAPSHOT+<commit>} (semantic-version
 * build metadata), with {@code .dirty} appended when the work tree had uncommitted changes.
 * Both come from files the Maven build writes into job-common ({@code build-info} of the Spring
 * Boot plugin, {@code git-commit-id-maven-plugin}); a part the build could not know is
 * {@code unknown}: a build outside a git work tree gives {@code 0.1.0-SNAPSHOT+unknown}, classes
 * compiled without Maven give {@code unknown+unknown}.
 */
public final class CodeVersion {

    static final String UNKNOWN = "unknown";
    private static final String BUILD_INFO = "/META-INF/custos/build-info.properties";
    private static final String GIT = "/META-INF/custos/git.properties";
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");

    private CodeVersion() {
    }

    /** The version of the code on this classpath. */
    public static String current() {
        String version = read(BUILD_INFO).getProperty("build.version", UNKNOWN);
        Properties git = read(GIT);
        return of(version, git.getProperty("git.commit.id"), git.getProperty("git.dirty"));
    }

    static String of(String version, String commit, String dirty) {
        String knownCommit = commit != null && COMMIT.matcher(commit).matches() ? commit : UNKNOWN;
        return version + "+" + knownCommit + ("true".equals(dirty) ? ".dirty" : "");
    }

    private static Properties read(String resource) {
        Properties properties = new Properties();
        try (InputStream in = CodeVersion.class.getResourceAsStream(resource)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource + " from the classpath", e);
        }
        return properties;
    }
}
