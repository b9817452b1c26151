package dev.custos.jobs.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.unit.DataSize;

import dev.custos.common.CustosException;
import dev.custos.common.store.BlobStore;
import dev.custos.common.store.BlobUpload;
import dev.custos.jobs.backup.archive.Classification;
import dev.custos.jobs.backup.source.BackupSource;

/**
 * A JDBC source whose URL carries a password and that cannot be read fails the run naming the
 * source, but the password appears nowhere in the failure: not in its message, not in a cause's,
 * so neither in the log nor in the job's recorded exit description (its stack trace).
 */
class BackupSourceUrlSecretTest {

    private static final String PASSWORD = "S3cretPW";

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {
            "jdbc:mariadb://127.0.0.1:1/crm?user=u&password=" + PASSWORD, // refused: the driver names only the host
            "jdbc:mysql://127.0.0.1:1/crm?useSSL=false&password=" + PASSWORD, // no driver: DriverManager quotes it
            "jdbc:mariadb://u:" + PASSWORD + "@127.0.0.1:1/crm", // the driver quotes "<password>@127.0.0.1"
            "jdbc:mariadb:bad//127.0.0.1:1/crm?password=" + PASSWORD, // the driver quotes it, in the cause too
    })
    void anUnreadableJdbcSourceIsNamedWithoutItsUrlsPassword(String url) {
        AtomicInteger uploads = new AtomicInteger();
        BlobStore store = new ForwardingStore(BackupStores.LOCAL_DIR.create(dir, "url-secret")) {
            @Override
            public BlobUpload create(String key) {
                uploads.incrementAndGet();
                return super.create(key);
            }
        };
        BackupSource crm = new BackupSource("crm", BackupSource.SourceType.JDBC,
                Classification.CONFIDENTIAL, url, "u", "p", null, List.of(), null);
        BackupWriter writer = new BackupWriter(store, BackupSettings.properties(DataSize.ofMegabytes(1), crm), null,
                Clock.systemUTC());

        Throwable failure = catchThrowable(() -> writer.write(LocalDate.of(2026, 11, 24), 7, dir, Optional.empty()));

        assertThat(failure).isInstanceOf(CustosException.class)
                .hasMessageContaining("backup source 'crm': reading the database (jdbc:")
                .hasMessageNotContaining(PASSWORD);
        assertThat(stackTrace(failure)).as("the failure with its causes, as logged and recorded")
                .doesNotContain(PASSWORD);
        assertThat(uploads).as("archive uploads begun").hasValue(0);
    }

    private static String stackTrace(Throwable failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }
}
