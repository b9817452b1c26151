package dev.custos.scheduler.evidence;

import java.nio.file.Path;
import java.util.List;

import dev.custos.common.period.Period;

/**
 * The outcome of checking a bundle: intact when {@code problems} is empty, otherwise one line per
 * problem, each naming the file (and line or row) concerned.
 *
 * @param period    the bundle's period, or {@code null} when its {@code CHAIN} could not tell
 * @param version   the bundle's version of its period, 0 when its {@code CHAIN} could not tell
 * @param files     the files the manifest lists
 * @param signature what was found about the manifest's signature and the key that made it
 * @param standing  whether this version is the current one of its period, or which one supersedes it
 * @param tablesCompared whether the tables were compared with the results schema (the current version's only)
 * @param chain     what was found about the link to the previous bundle, for the operator
 */
public record EvidenceVerification(Path bundle, Period period, int version, int files, String signature,
                                   String standing, boolean tablesCompared, String chain, List<String> problems) {

    public boolean intact() {
        return problems.isEmpty();
    }
}
