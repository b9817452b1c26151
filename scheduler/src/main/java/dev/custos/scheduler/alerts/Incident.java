package dev.custos.scheduler.alerts;

/** A condition that deserves one alert while it holds, named by a key stable across evaluations. */
record Incident(String key, Kind kind, String job, String period, String summary) {

    enum Kind {
        RUN_FAILED("run-failed"), KPI_MISSED("kpi-missed"), RUN_WARNING("run-warning"), OVERDUE("overdue");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }

        String key(String job, String period, String... more) {
            StringBuilder key = new StringBuilder(prefix).append(':').append(job).append(':').append(period);
            for (String part : more) {
                key.append(':').append(part);
            }
            return key.toString();
        }
    }
}
