package dev.custos.jobs.backup;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The backup job's own layering: its concerns (archive format, store access, key, sources, restore,
 * retention) are sub-packages that the job's steps in the root package use, never the other way round,
 * and none of them reaches back into the root (settings reach them as plain values or as records of
 * their own package, e.g. {@code source.BackupSource}). {@code cli} and {@code sample} are the job's doors to the scheduler and
 * the demo: they use the root's facade by design, so only the cycle rule covers them.
 */
class BackupPackagesTest {

    private static final String ROOT = "dev.custos.jobs.backup";
    private static final String[] CONCERNS = {ROOT + ".archive..", ROOT + ".key..", ROOT + ".restore..",
            ROOT + ".retention..", ROOT + ".source..", ROOT + ".store.."};

    private static final JavaClasses BACKUP = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void theBackupSubPackagesDependOnEachOtherWithoutCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(BACKUP);
    }

    @Test
    void theBackupConcernPackagesDoNotDependOnTheJobsRootPackage() {
        noClasses().that().resideInAnyPackage(CONCERNS)
                .should().dependOnClassesThat(resideInAPackage(ROOT))
                .check(BACKUP);
    }
}
