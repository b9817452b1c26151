package dev.custos.jobs.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.support.SpringFactoriesLoader;

import dev.custos.common.command.ControlCommandLine;

/** What the backup control adds to the command line, found the way the scheduler finds it. */
class BackupCommandLineTest {

    @TempDir
    Path home;

    @Test
    void theBackupCommandIsFoundWithoutAnApplication() {
        List<ControlCommandLine> found = SpringFactoriesLoader.loadFactories(ControlCommandLine.class,
                getClass().getClassLoader());

        assertThat(found).singleElement().isInstanceOf(BackupCommandLine.class);
        assertThat(found.get(0).command(config -> {
            throw new AssertionError("no application is started to build the command line");
        })).isInstanceOf(BackupCommand.class);
    }

    @Test
    void theDemoBacksUpItsCustomerSchemaEncryptedWithAKeysetWrittenOwnerOnlyOnceAndKeptByTheNextDemo()
            throws Exception {
        BackupCommandLine backup = new BackupCommandLine();
        Path keyset = home.resolve(BackupCommandLine.DEMO_KEYSET);

        assertThat(backup.demoSettings(home)).containsEntry("custos.backup.key-file", keyset.toString())
                .containsEntry("custos.backup.sources[0].schema", "crm")
                .containsEntry("custos.backup.sources[0].classification", "RESTRICTED");
        String first = Files.readString(keyset);
        backup.demoSettings(home);

        assertThat(keyset).hasContent(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyset))).isEqualTo("rw-------");
    }
}
