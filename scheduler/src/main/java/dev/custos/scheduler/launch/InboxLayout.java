package dev.custos.scheduler.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import dev.custos.common.period.Period;

/**
 * Where a run's input files are: {@code <inbox>/<job>/<period>/}, one folder per period, so that a
 * period is never run on the files of another. Scheduled runs, backfills, {@code custos run}
 * without {@code --inbox} and the demo all resolve their folder here.
 */
public final class InboxLayout {

    private InboxLayout() {
    }

    /** The folder of (job, period) under the inbox root {@code inbox}. */
    public static Path periodFolder(Path inbox, String job, Period period) {
        return inbox.resolve(job).resolve(period.toString());
    }

    /**
     * The first period whose folder is missing, not a directory, or holds no regular file, with
     * what is wrong with it; empty when every period has its files.
     */
    public static Optional<Unready> firstUnready(Path inbox, String job, List<Period> periods) {
        for (Period period : periods) {
            Path folder = periodFolder(inbox, job, period).toAbsolutePath().normalize();
            if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.of(new Unready(period, folder, Files.exists(folder, LinkOption.NOFOLLOW_LINKS)
                        ? "is not a folder" : "is missing"));
            }
            if (!holdsAFile(folder)) {
                return Optional.of(new Unready(period, folder, "is empty"));
            }
        }
        return Optional.empty();
    }

    private static boolean holdsAFile(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.anyMatch(entry -> Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)
                    && !entry.getFileName().toString().startsWith("."));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the inbox folder " + folder + ": " + e.getMessage(), e);
        }
    }

    /** A period whose input folder cannot be run: {@code problem} says why, e.g. "is missing". */
    public record Unready(Period period, Path folder, String problem) {
    }
}
