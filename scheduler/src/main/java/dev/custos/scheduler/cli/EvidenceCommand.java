package dev.custos.scheduler.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import dev.custos.common.period.Period;
import dev.custos.scheduler.evidence.EvidenceExport;
import dev.custos.scheduler.evidence.EvidenceExporter;
import dev.custos.scheduler.evidence.EvidenceSigningKey;
import dev.custos.scheduler.evidence.EvidenceVerification;
import dev.custos.scheduler.evidence.EvidenceVerifier;
import dev.custos.scheduler.evidence.InvalidBundlePathException;
import dev.custos.scheduler.evidence.SigningKeyException;

@Command(name = "evidence", mixinStandardHelpOptions = true,
        description = "Export the auditor's evidence bundle of a period that is over (runs, input file SHA-256s, "
                + "metrics, reports, MANIFEST.sha256 signed with the installation's Ed25519 key, CHAIN: its version "
                + "and the link to the previous period's bundle) to a new directory or .zip; unchanged results give "
                + "the same bundle again, changed results a new version. 'evidence verify' checks one; 'evidence key "
                + "create' makes the signing key.",
        subcommands = {EvidenceCommand.Verify.class, EvidenceCommand.Key.class})
final class EvidenceCommand extends SpringCommand {

    @Option(names = "--period", paramLabel = "P",
            description = "a month 2026-11, quarter 2026-Q4 or year 2026 (also a day) that is over in custos.zone: "
                    + "its runs and those of every shorter period within it")
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
            throw new UsageException("evidence needs --period P and --out DIR|FILE.zip (or: evidence verify DIR|FILE.zip,"
                    + " evidence key create FILE)");
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
        } catch (SigningKeyException e) {
            throw new EnvironmentException(e.getMessage(), e);
        }
        out().printf("evidence %s v%d: %d %s, %d files written to %s%n", export.period(), export.version(),
                export.runs(), export.runs() == 1 ? "run" : "runs", export.files(), export.target());
        out().printf("version: %s%n", export.describeVersion());
        out().printf("manifest sha256 %s, signed by %s (kept as %s)%n", export.manifestSha256(),
                export.keyFingerprint(), export.manifestKey());
        out().printf("chain: %s%n", export.describeChain());
        return ExitCodes.OK;
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check a bundle: every file against MANIFEST.sha256, no unlisted file, the manifest's "
                    + "signature by the installation's key, whether the version is current or superseded, the CHAIN "
                    + "link, and the tables against the results schema. Exit 0 when intact (a superseded version is "
                    + "intact too), 1 with one line per problem.")
    static final class Verify extends SpringCommand {

        @Parameters(paramLabel = "DIR|FILE.zip", description = "the bundle")
        Path bundle;

        @Option(names = "--previous", paramLabel = "DIR|FILE.zip",
                description = "the previous period's bundle, to check the CHAIN link against as well")
        Path previous;

        @Option(names = "--trusted-key", paramLabel = "FILE",
                description = "the public key (PEM) the bundle must be signed with, e.g. the installation's "
                        + "signing-key.pub.pem as published to auditors; default: the public half of "
                        + "custos.evidence.signing-key (not offline)")
        Path trustedKey;

        @Option(names = "--offline", description = "check the bundles alone (files against MANIFEST.sha256, the "
                + "signature, by --trusted-key when given, the CHAIN link against --previous), without the database, "
                + "the blob store or a configuration: for an auditor away from the installation. Whether a later "
                + "version supersedes the bundle is not known offline.")
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
                result = verifier.verify(bundle, previous, trustedKey);
            } catch (InvalidBundlePathException e) {
                throw new UsageException(e.getMessage());
            } catch (SigningKeyException e) {
                throw new EnvironmentException(e.getMessage(), e);
            }
            if (!result.intact()) {
                result.problems().forEach(problem -> err().println("custos: " + problem));
                return ExitCodes.FAILED;
            }
            out().printf("evidence %s v%d in %s: intact (%d files match %s, %s)%n", result.period(), result.version(),
                    bundle, result.files(), "MANIFEST.sha256", !verifier.checksInstallation()
                            ? "offline: the blob store and the results schema were not compared"
                            : result.tablesCompared() ? "tables match the results schema"
                            : "matches the manifest the blob store kept for it");
            out().printf("signature: %s%n", result.signature());
            out().printf("version: %s%n", result.standing());
            out().printf("chain: %s%n", result.chain());
            return ExitCodes.OK;
        }
    }

    @Command(name = "key", mixinStandardHelpOptions = true,
            description = "Create the Ed25519 key that signs evidence manifests, to be set as "
                    + "custos.evidence.signing-key. Needs no database.",
            subcommands = KeyCreate.class)
    static final class Key implements Callable<Integer> {

        @Override
        public Integer call() {
            throw new UsageException("evidence key needs a command: create FILE");
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Write a new Ed25519 key pair to FILE (PEM: PRIVATE KEY, then PUBLIC KEY), readable by its "
                    + "owner only. An existing FILE is never overwritten; the private key is never printed.")
    static final class KeyCreate implements Callable<Integer> {

        @Parameters(paramLabel = "FILE", description = "the key file to create")
        Path file;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            String fingerprint;
            try {
                fingerprint = EvidenceSigningKey.create(file);
            } catch (FileAlreadyExistsException e) {
                throw new UsageException(file + " exists and is never overwritten: bundles signed with it are "
                        + "checked against it; choose a new FILE");
            } catch (IOException e) {
                throw new EnvironmentException("cannot create the key file " + file + ": " + e.getMessage(), e);
            }
            spec.commandLine().getOut().printf("created %s: an Ed25519 evidence signing key, readable by its owner "
                    + "only, public key fingerprint %s%nSet custos.evidence.signing-key=%s. Every bundle carries the "
                    + "public key (signing-key.pub.pem); publish the fingerprint to your auditors, or the public key "
                    + "('openssl pkey -in %s -pubout'), for 'evidence verify --trusted-key'.%n", file, fingerprint,
                    file.toAbsolutePath(), file);
            return ExitCodes.OK;
        }
    }
}
