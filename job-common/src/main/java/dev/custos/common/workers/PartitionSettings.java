package dev.custos.common.workers;

import java.util.Map;

/**
 * Settings of a job that shape what its partitions compute (a rule's threshold, say), by their
 * property name. A manager sends them with every partition request, with its code version and the
 * other settings ({@link WorkerSettings}); a worker whose own differ refuses the partition rather
 * than compute other results than the manager would. The values travel in clear in the request's
 * header and are quoted in a refusal's message: never a secret, a credential or a personal path.
 */
@FunctionalInterface
public interface PartitionSettings {

    /** Property name to value, as the node has it. */
    Map<String, String> values();
}
