package dev.custos.scheduler.cli;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Prepares a command's log file ({@code logging.file.name}) before logging starts: its folder is
 * created and the file, when new, is created owner-only (rw-------: it may hold stack traces that
 * name objects). A log file that cannot be written is dropped for this command rather than handed
 * to Logback, which would print its configuration errors on the console and break the command's
 * one-line contract; the command then logs nowhere, and its one line on stderr still says what failed.
 */
final class CommandLogFile implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    private static final String LOG_FILE = "logging.file.name";

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment environment = event.getEnvironment();
        String name = environment.getProperty(LOG_FILE);
        if (name == null || name.isBlank()) {
            return;
        }
        if (!prepared(Path.of(name))) {
            environment.getPropertySources().addFirst(new MapPropertySource("custos-unwritable-log-file",
                    Map.of(LOG_FILE, "")));
        }
    }

    private static boolean prepared(Path file) {
        try {
            Path folder = file.toAbsolutePath().getParent();
            Files.createDirectories(folder);
            if (!Files.exists(file)) {
                if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } else {
                    Files.createFile(file);
                }
            }
            return Files.isRegularFile(file) && Files.isWritable(file);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Before the logging system reads the property, after the config files are loaded. */
    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER - 1;
    }
}
