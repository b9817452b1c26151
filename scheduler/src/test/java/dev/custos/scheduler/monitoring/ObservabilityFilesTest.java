package dev.custos.scheduler.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The files in {@code ops/observability/} work as shipped: Prometheus's own {@code promtool}
 * checks the alert rules and the scrape configuration and runs the rules' unit tests (every
 * alert fires on its condition and not otherwise); the Grafana dashboard is valid JSON whose
 * panels query the series Custos exports. ops/test installs promtool (Debian's prometheus) when missing.
 */
class ObservabilityFilesTest {

    private static final Path OBSERVABILITY = Path.of("..", "ops", "observability").toAbsolutePath().normalize();

    @Test
    void alertRulesPassPromtoolCheck() throws Exception {
        assertThat(promtool("check", "rules", "custos-alerts.yml")).contains("SUCCESS: 8 rules found");
    }

    @Test
    void alertRulesPassTheirPromtoolUnitTests() throws Exception {
        assertThat(promtool("test", "rules", "custos-alerts.test.yml")).contains("SUCCESS");
    }

    @Test
    void scrapeConfigurationPassesPromtoolCheck() throws Exception {
        assertThat(promtool("check", "config", "prometheus.yml")).contains("SUCCESS");
    }

    @Test
    void dashboardIsJsonWithPanelsForKpisLastSuccessAndFailures() throws IOException {
        JsonNode dashboard = JsonMapper.builder().build()
                .readTree(Files.readString(OBSERVABILITY.resolve("custos-dashboard.json")));
        List<String> queries = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> panel.path("targets")
                .forEach(target -> queries.add(target.path("expr").asString())));

        assertThat(dashboard.path("title").asString()).isEqualTo("Custos controls");
        assertThat(queries).anyMatch(q -> q.contains("custos_kpi_value"))
                .anyMatch(q -> q.contains("custos_kpi_met"))
                .anyMatch(q -> q.contains("custos_last_success_timestamp_seconds"))
                .anyMatch(q -> q.contains("custos_last_run_failed"))
                .anyMatch(q -> q.contains("custos_control_overdue"))
                .anyMatch(q -> q.contains("spring_batch_job_seconds_count"));
    }

    /** Runs promtool in ops/observability; a non-zero exit fails the test with promtool's output. */
    private static String promtool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("promtool"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(OBSERVABILITY.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
