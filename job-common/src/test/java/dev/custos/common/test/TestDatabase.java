package dev.custos.common.test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.mariadb.MariaDBContainer;

/**
 * How tests reach MariaDB: the server named by {@code CUSTOS_TEST_DB_URL} (set by {@code ops/test};
 * a server URL without a database, e.g. {@code jdbc:mariadb://127.0.0.1:3306/}), or, where that is
 * unset and Docker runs, a Testcontainers MariaDB shared by the JVM. Every test class gets its own
 * fresh database and results schema, so tests never see each other's rows.
 */
public final class TestDatabase {

    private static MariaDBContainer container;

    private final String name;

    private TestDatabase(String name) {
        this.name = name;
    }

    /** Creates a new empty database named after the test class. */
    public static TestDatabase create(Class<?> testClass) {
        String base = testClass.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        String name = "t_" + base.substring(0, Math.min(base.length(), 40)) + "_"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xFFFFFF));
        try (Connection connection = DriverManager.getConnection(serverUrl(), user(), password());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
            statement.execute("CREATE DATABASE " + name + "_results");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database on " + serverUrl() + ": " + e.getMessage(), e);
        }
        return new TestDatabase(name);
    }

    public String name() {
        return name;
    }

    public String resultsSchema() {
        return name + "_results";
    }

    public String url() {
        return serverUrl() + name;
    }

    public static String user() {
        return env("CUSTOS_TEST_DB_USER", container != null ? container.getUsername() : "root");
    }

    public static String password() {
        return env("CUSTOS_TEST_DB_PASSWORD", container != null ? container.getPassword() : "");
    }

    /** Spring properties pointing the application at this database. */
    public void register(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", this::url);
        registry.add("spring.datasource.username", TestDatabase::user);
        registry.add("spring.datasource.password", TestDatabase::password);
        registry.add("custos.results.schema", this::resultsSchema);
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), user(), password());
    }

    public void drop() {
        try (Connection connection = DriverManager.getConnection(serverUrl(), user(), password());
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name);
            statement.execute("DROP DATABASE IF EXISTS " + name + "_results");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test database " + name, e);
        }
    }

    static synchronized String serverUrl() {
        String url = System.getenv("CUSTOS_TEST_DB_URL");
        if (url != null && !url.isBlank()) {
            return url.endsWith("/") ? url : url + "/";
        }
        if (container == null) {
            if (!DockerClientFactory.instance().isDockerAvailable()) {
                throw new IllegalStateException("no test database: run the tests through ops/test, which sets "
                        + "CUSTOS_TEST_DB_URL, or where Docker runs Testcontainers starts MariaDB");
            }
            container = new MariaDBContainer("mariadb:10.11");
            container.start();
            try (Connection connection = DriverManager.getConnection(container.getJdbcUrl(), "root", container.getPassword());
                 Statement statement = connection.createStatement()) {
                statement.execute("GRANT ALL ON *.* TO '" + container.getUsername() + "'@'%'");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        String jdbcUrl = container.getJdbcUrl();
        return jdbcUrl.substring(0, jdbcUrl.lastIndexOf('/') + 1);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
