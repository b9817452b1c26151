package dev.custos.common.test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

import dev.custos.common.job.CustosCoreConfiguration;

/**
 * The smallest Custos application for a job module's tests: the shared kernel plus whatever job
 * configuration the test imports, on auto-configured Batch, Flyway and JDBC (Quartz left out).
 */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = "org.springframework.boot.quartz.autoconfigure.QuartzAutoConfiguration")
@Import(CustosCoreConfiguration.class)
public class CustosTestApplication {
}
