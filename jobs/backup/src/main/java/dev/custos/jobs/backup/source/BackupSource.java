package dev.custos.jobs.backup.source;

import java.nio.file.Path;
import java.util.List;

import dev.custos.jobs.backup.archive.Classification;

/**
 * One thing to back up ({@code custos.backup.sources[i]}).
 *
 * @param name           names the source in the manifest and the archive ({@code files/<name>/...})
 * @param type           {@code jdbc} or {@code directory}
 * @param classification how sensitive its data is; required
 * @param url            jdbc: the database URL, or empty / {@code default} for the application's datasource
 * @param username       jdbc: user of {@code url}
 * @param password       jdbc: password of {@code url}; never logged
 * @param schema         jdbc: the schema (MariaDB database) holding the tables; default the connection's
 * @param tables         jdbc: tables to back up; empty means every table of the schema
 * @param path           directory: its root; empty means the run's inbox
 */
public record BackupSource(String name, SourceType type, Classification classification, String url, String username,
                           String password, String schema, List<String> tables, Path path) {

    public BackupSource {
        tables = tables == null ? List.of() : List.copyOf(tables);
    }

    public boolean usesApplicationDataSource() {
        return url == null || url.isBlank() || url.equals("default");
    }

    @Override
    public String toString() {
        return "Source[name=" + name + ", type=" + type + ", classification=" + classification + ", url="
                + (usesApplicationDataSource() ? "default" : "(set)") + ", schema=" + schema + ", tables="
                + tables + ", path=" + path + "]";
    }

    public enum SourceType {
        JDBC, DIRECTORY
    }
}
