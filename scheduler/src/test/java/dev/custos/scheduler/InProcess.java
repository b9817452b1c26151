package dev.custos.scheduler;

import java.io.IOException;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.util.function.ThrowingSupplier;

/**
 * Runs Custos's Spring applications in the test JVM with the classpath the jar has. The test
 * classpath also holds job-common's test-jar, whose {@code CustosTestApplication} (a
 * {@code @SpringBootConfiguration} excluding Quartz) {@code CustosApplication}'s scan of
 * {@code dev.custos} would otherwise pick up; Spring Boot's own test support excludes such
 * classes the same way, with a {@link TypeExcludeFilter} bean.
 */
public final class InProcess {

    private static final String TEST_SUPPORT_PACKAGE = "dev.custos.common.test.";

    private InProcess() {
    }

    /** Runs {@code action}; every Spring application it starts on this thread leaves the test support out. */
    public static <T> T run(ThrowingSupplier<T> action) {
        return SpringApplication.withHook(application -> {
            application.addInitializers(context -> context.getBeanFactory()
                    .registerSingleton(TestSupportExcluded.class.getName(), new TestSupportExcluded()));
            return null;
        }, action);
    }

    /** Leaves the test-jar's configuration classes out of component scanning. */
    public static final class TestSupportExcluded extends TypeExcludeFilter {

        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
            return reader.getClassMetadata().getClassName().startsWith(TEST_SUPPORT_PACKAGE);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof TestSupportExcluded;
        }

        @Override
        public int hashCode() {
            return TestSupportExcluded.class.hashCode();
        }
    }
}
