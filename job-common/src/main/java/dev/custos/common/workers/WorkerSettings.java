package dev.custos.common.workers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a partition's results depend on besides its inputs: the code version and every {@link
 * PartitionSettings} (the chunk size, the CSV limits that decide which records are rejected, a job's
 * rule settings). The manager
 * sends its own with each request; a worker compares them with its own and names what differs.
 */
final class WorkerSettings {

    static final String CODE_VERSION = "code version";

    private final SortedMap<String, String> values;

    WorkerSettings(Map<String, String> values) {
        this.values = new TreeMap<>(values);
    }

    static WorkerSettings of(String codeVersion, List<PartitionSettings> settings) {
        Map<String, String> values = new TreeMap<>();
        values.put(CODE_VERSION, codeVersion);
        settings.forEach(some -> values.putAll(some.values()));
        return new WorkerSettings(values);
    }

    /** One {@code name=value} line each, in name order: the request header. */
    String onTheWire() {
        StringBuilder text = new StringBuilder();
        values.forEach((name, value) -> text.append(name).append('=').append(value).append('\n'));
        return text.toString();
    }

    /**
     * What differs between the manager's settings ({@link #onTheWire()} of its node; null from a
     * manager that sent none) and these, in one phrase; empty when they agree.
     */
    Optional<String> differencesFrom(String managers) {
        if (managers == null) {
            return Optional.of("the request carries no settings (a manager of another code version?)");
        }
        Map<String, String> manager = new TreeMap<>();
        for (String line : managers.split("\n")) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                manager.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        SortedMap<String, String> names = new TreeMap<>(manager);
        names.putAll(values);
        List<String> differences = new ArrayList<>();
        for (String name : names.keySet()) {
            String theirs = manager.get(name);
            String ours = values.get(name);
            if (theirs == null || !theirs.equals(ours)) {
                differences.add("%s is %s on the manager but %s on this worker".formatted(name, shown(theirs), shown(ours)));
            }
        }
        return differences.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", differences));
    }

    private static String shown(String value) {
        return value == null ? "not set" : value;
    }
}
