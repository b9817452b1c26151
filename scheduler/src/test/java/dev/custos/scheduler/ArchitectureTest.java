package dev.custos.scheduler;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleName;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import dev.custos.common.job.Control;
import dev.custos.scheduler.cli.CustosCommandLine;

/**
 * The module boundaries ARCHITECTURE.md describes, checked on the compiled classes of every module,
 * main and test: job-common knows no job and no scheduler, a job knows no other job and no
 * scheduler, the scheduler's main code knows no job (it finds controls as beans), no package
 * cycle in main code, code outside a job uses only the job's published surface, and the Quartz
 * tables and settings belong to the scheduler. Tests that need several jobs at once live in the
 * scheduler, where all jobs meet.
 */
class ArchitectureTest {

    private static final String COMMON = "dev.custos.common..";
    private static final String JOBS = "dev.custos.jobs..";
    private static final String SCHEDULER = "dev.custos.scheduler..";
    /**
     * The one white-box use of a job's internals outside it: the backup command test forges a backup
     * that is consistent in itself with the job's own writer, to prove verify and restore refuse it.
     */
    private static final Set<String> FORGERY = Set.of(
            "dev.custos.scheduler.cli.BackupCommandTest -> dev.custos.jobs.backup.BackupWriter",
            "dev.custos.scheduler.cli.BackupCommandTest -> dev.custos.jobs.backup.archive.BackupManifest");

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
    void codeOutsideAJobUsesOnlyItsPublishedSurface() {
        onlyThePublishedSurfaceOfAJob("dev.custos.jobs", FORGERY).check(everything);
    }

    @Test
    void thePublishedSurfaceRuleAcceptsASurfaceAndRefusesRootInternalsAndSubPackages() {
        JavaClasses fixture = new ClassFileImporter().importPackages("dev.custos.archfixture");
        ArchRule rule = onlyThePublishedSurfaceOfAJob("dev.custos.archfixture.jobs", Set.of());

        EvaluationResult surface = rule.evaluate(fixture.that(simpleName("RootInternalsUser").negate()
                .and(simpleName("SubPackageUser").negate())));
        EvaluationResult rootInternals = rule.evaluate(fixture.that(simpleName("SubPackageUser").negate()));
        EvaluationResult subPackage = rule.evaluate(fixture.that(simpleName("RootInternalsUser").negate()));

        assertThat(fixture.contain("dev.custos.archfixture.outside.SurfaceUser")).isTrue();
        assertThat(surface.getFailureReport().getDetails()).isEmpty();
        assertThat(rootInternals.getFailureReport().getDetails()).isNotEmpty().allSatisfy(violation ->
                assertThat(violation).contains("RootInternalsUser").contains("jobs.demo.DemoSteps"));
        assertThat(subPackage.getFailureReport().getDetails()).isNotEmpty().allSatisfy(violation ->
                assertThat(violation).contains("SubPackageUser").contains("jobs.demo.store.DemoStore"));
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

    /**
     * Code outside a job module ({@code <jobs>.<name>..}) may use only the job's published surface:
     * in its root package the control (a {@link Control}), the {@code *JobConfig}, the
     * {@code *Properties} settings records and the facade ({@code *Operations}), each with its nested
     * types; the value types the settings records are built from, whatever package of the job they
     * live in; and the job's {@code sample} package (the demo's inputs, the sample data tests share).
     * {@code allowed} lets single dependencies through, as {@code "origin -> target"} of top-level classes.
     */
    static ArchRule onlyThePublishedSurfaceOfAJob(String jobs, Set<String> allowed) {
        return classes().should(new PublishedSurfaceOnly(jobs, allowed));
    }

    private static final class PublishedSurfaceOnly extends ArchCondition<JavaClass> {

        private final String jobs;
        private final Set<String> allowed;
        /** Top-level classes of the settings records and the value types they are built from. */
        private final Set<JavaClass> settings = new HashSet<>();

        PublishedSurfaceOnly(String jobs, Set<String> allowed) {
            super("depend on a job module they are outside of only through its published surface");
            this.jobs = jobs;
            this.allowed = allowed;
        }

        @Override
        public void init(Collection<JavaClass> all) {
            List<JavaClass> pending = new ArrayList<>(all.stream()
                    .filter(type -> inRootPackage(type) && type.getSimpleName().endsWith("Properties")).toList());
            while (!pending.isEmpty()) {
                JavaClass top = pending.remove(pending.size() - 1);
                if (!settings.add(top)) {
                    continue;
                }
                all.stream().filter(type -> topLevel(type).equals(top))
                        .flatMap(type -> type.getConstructors().stream())
                        .flatMap(constructor -> constructor.getParameterTypes().stream())
                        .flatMap(parameter -> parameter.getAllInvolvedRawTypes().stream())
                        .filter(raw -> jobOf(raw).isPresent() && jobOf(raw).equals(jobOf(top)))
                        .forEach(raw -> pending.add(topLevel(raw)));
            }
        }

        @Override
        public void check(JavaClass origin, ConditionEvents events) {
            for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                JavaClass target = dependency.getTargetClass().getBaseComponentType();
                Optional<String> job = jobOf(target);
                if (job.isEmpty() || job.equals(jobOf(origin)) || published(target)
                        || allowed.contains(topLevel(origin).getName() + " -> " + topLevel(target).getName())) {
                    continue;
                }
                events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()
                        + ": not in the published surface of job " + job.get()));
            }
        }

        private boolean published(JavaClass target) {
            JavaClass top = topLevel(target);
            String name = top.getSimpleName();
            String sample = jobs + "." + jobOf(target).orElseThrow() + ".sample";
            return target.getPackageName().equals(sample) || target.getPackageName().startsWith(sample + ".")
                    || settings.contains(top)
                    || inRootPackage(top) && (top.isAssignableTo(Control.class) || name.endsWith("JobConfig")
                            || name.endsWith("Properties") || name.endsWith("Operations"));
        }

        private boolean inRootPackage(JavaClass type) {
            return jobOf(type).map(job -> type.getPackageName().equals(jobs + "." + job)).orElse(false);
        }

        /** The job module a class belongs to: the package segment after {@code jobs}. */
        private Optional<String> jobOf(JavaClass type) {
            String name = type.getBaseComponentType().getPackageName();
            if (!name.startsWith(jobs + ".")) {
                return Optional.empty();
            }
            String rest = name.substring(jobs.length() + 1);
            return Optional.of(rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest);
        }

        private static JavaClass topLevel(JavaClass type) {
            JavaClass top = type.getBaseComponentType();
            while (top.getEnclosingClass().isPresent()) {
                top = top.getEnclosingClass().get();
            }
            return top;
        }
    }
}
