package dev.custos.scheduler.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import dev.custos.common.period.Period;
import dev.custos.scheduler.evidence.EvidenceExport;
import dev.custos.scheduler.evidence.EvidenceExporter;
import dev.custos.scheduler.evidence.EvidenceVerification;
import dev.custos.scheduler.evidence.EvidenceVerifier;
import dev.custos.scheduler.evidence.InvalidBundlePathException;

@Command(name = "evidence", mixinStandardHelpOptions = true,
        description = "Export the auditor's evidence bundle of a period (runs, input file SHA-256s, metrics, "
                + "reports, MANIFEST.sha256, CHAIN link to the previous period's bundle) to a new directory or "
                + ".zip; 'evidence verify' checks one.",
        subcommands = EvidenceCommand.Verify.class)
final class EvidenceCommand extends SpringCommand {

    @Option(names = "--period", paramLabel = "P",
            description = "a month 2026-11, quarter 2026-Q4 or year 2026 (also a day): its runs and those of "
                    + "every shorter period within it")
    String period;

    @Option(names = "--out", paramLabel = "DIR|FILE.zip", description = "a new (or empty) directory, or a new .zip file")
    Path out;

    private Period bundlePeriod;

    @Override
    Mode mode() {
        return Mode.READ_ONLY;
    }

    @Override
    public Integer call() {
        if (period == null || out == null) {
            throw new UsageException("evidence needs --period P and --out DIR|FILE.zip (or: evidence verify DIR|FILE.zip)");
        }
        bundlePeriod = Period.parse(period);
        return super.call();
    }

    @Override
    int call(CustosContext context) {
        EvidenceExport export;
        try {
            export = context.bean(EvidenceExporter.class).export(bundlePeriod, out);
        } catch (InvalidBundlePathException e) {
            throw new UsageException(e.getMessage());
        }
        out().printf("evidence %s: %d %s, %d files written to %s%n", export.period(), export.runs(),
                export.runs() == 1 ? "run" : "runs", export.files(), export.target());
        out().printf("manifest sha256 %s (kept as %s for the next period's link)%n", export.manifestSha256(),
                export.manifestKey());
        out().printf("chain: %s%n", export.describeChain());
        return ExitCodes.OK;
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check a bundle: every file against MANIFEST.sha256, no unlisted file, the CHAIN link, and "
                    + "the tables against the results schema. Exit 0 when intact, 1 with one line per problem.")
    static final class Verify extends SpringCommand {

        @Parameters(paramLabel = "DIR|FILE.zip", description = "the bundle")
        Path bundle;

        @Option(names = "--previous", paramLabel = "DIR|FILE.zip",
                description = "the previous period's bundle, to check the CHAIN link against as well")
        Path previous;

        @Option(names = "--offline", description = "check the bundles alone (files against MANIFEST.sha256, the "
                + "CHAIN link against --previous), without the database, the blob store or a configuration: for an "
                + "auditor away from the installation. A manifest recomputed after a change passes this; the full "
                + "check catches it.")
        boolean offline;

        @ParentCommand
        EvidenceCommand parent;

        @Override
        Mode mode() {
            return Mode.READ_ONLY;
        }

        @Override
        public Integer call() {
            if (!Files.exists(bundle)) {
                throw new UsageException("no evidence bundle at " + bundle + ": expected a directory or a .zip file");
            }
            if (offline) {
                return report(EvidenceVerifier.bundleOnly());
            }
            springOverrides = parent.springOverrides;
            if (config == null) {
                config = parent.config;
            }
            return super.call();
        }

        @Override
        int call(CustosContext context) {
            return report(context.bean(EvidenceVerifier.class));
        }

        private int report(EvidenceVerifier verifier) {
            EvidenceVerification result;
            try {
                result = verifier.verify(bundle, previous);
            } catch (InvalidBundlePathException e) {
                throw new UsageException(e.getMessage());
            }
            if (!result.intact()) {
                result.problems().forEach(problem -> err().println("custos: " + problem));
                return ExitCodes.FAILED;
            }
            out().printf("evidence %s in %s: intact (%d files match %s, %s)%n", result.period(), bundle,
                    result.files(), "MANIFEST.sha256", verifier.checksInstallation()
                            ? "tables match the results schema"
                            : "offline: the blob store and the results schema were not compared");
            out().printf("chain: %s%n", result.chain());
            return ExitCodes.OK;
        }
    }
}
