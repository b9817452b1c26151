package dev.custos.scheduler;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;

import dev.custos.scheduler.cli.CustosCommandLine;

/**
 * The module boundaries ARCHITECTURE.md describes, checked on the compiled classes of every module,
 * main and test: job-common knows no job and no scheduler, a job knows no other job and no
 * scheduler, the scheduler's main code knows no job (it finds controls as beans), no package
 * cycle in main code, and the Quartz tables and settings belong to the scheduler. Tests that need several jobs at once live in the scheduler, where all jobs meet.
 */
class ArchitectureTest {

    private static final String COMMON = "dev.custos.common..";
    private static final String JOBS = "dev.custos.jobs..";
    private static final String SCHEDULER = "dev.custos.scheduler..";

    private static JavaClasses everything;
    private static JavaClasses main;
    private static JavaClasses schedulerMain;

    @BeforeAll
    static void importModules() throws IOException {
        Path root = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
        List<Path> modules = new ArrayList<>(List.of(root.resolve("job-common"), root.resolve("scheduler")));
        for (String folder : List.of("jobs", "testing")) {
            try (Stream<Path> jobs = Files.list(root.resolve(folder))) {
                jobs.filter(dir -> Files.isRegularFile(dir.resolve("pom.xml"))).sorted().forEach(modules::add);
            }
        }
        List<Path> classes = new ArrayList<>();
        List<Path> mainClasses = new ArrayList<>();
        for (Path module : modules) {
            for (String output : List.of("classes", "test-classes")) {
                Path dir = module.resolve("target").resolve(output);
                if (output.equals("test-classes") && !Files.isDirectory(module.resolve("src/test"))) {
                    continue;
                }
                assertThat(dir).as("compiled classes of %s (build the reactor: -pl scheduler -am)", module)
                        .isDirectory();
                classes.add(dir);
                if (output.equals("classes")) {
                    mainClasses.add(dir);
                }
            }
        }
        everything = new ClassFileImporter().importPaths(classes);
        main = new ClassFileImporter().importPaths(mainClasses);
        schedulerMain = new ClassFileImporter().importPath(root.resolve("scheduler/target/classes"));
    }

    @Test
    void jobCommonImportsNoJobAndNoScheduler() {
        noClasses().that().resideInAPackage(COMMON)
                .should().dependOnClassesThat().resideInAnyPackage(JOBS, SCHEDULER)
                .check(everything);
    }

    @Test
    void aJobImportsNoOtherJobNorTheSchedulerTestsIncluded() {
        slices().matching("dev.custos.jobs.(*)..").should().notDependOnEachOther().check(everything);
        noClasses().that().resideInAPackage(JOBS)
                .should().dependOnClassesThat().resideInAPackage(SCHEDULER)
                .check(everything);
    }

    @Test
    void schedulerMainCodeImportsNoJob() {
        assertThat(schedulerMain.contain("dev.custos.scheduler.CustosApplication")).isTrue();
        noClasses().that().resideInAPackage(SCHEDULER)
                .should().dependOnClassesThat().resideInAPackage(JOBS)
                .check(schedulerMain);
    }

    @Test
    void quartzTablesAndSettingsLiveInTheSchedulerOnly() throws IOException {
        Path root = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
        for (String vendor : List.of("h2", "mariadb")) {
            String migration = "db/migration/" + vendor + "/V2__quartz.sql";
            assertThat(root.resolve("job-common/src/main/resources").resolve(migration)).doesNotExist();
            assertThat(root.resolve("scheduler/src/main/resources").resolve(migration)).isRegularFile();
        }
        assertThat(Files.readString(root.resolve("job-common/src/main/resources/custos-defaults.properties")))
                .doesNotContain("spring.quartz.");
    }

    /**
     * Main code only: tests share support packages across the packages they test (job-common's
     * {@code common.test}, the scheduler's {@code Installation}), which is no design.
     */
    @Test
    void noPackageCycle() {
        slices().matching("dev.custos.(**)").should().beFreeOfCycles()
                // the entry point: main hands the arguments to the command line, which starts the application class
                .ignoreDependency(CustosApplication.class, CustosCommandLine.class)
                .check(main);
    }
}
