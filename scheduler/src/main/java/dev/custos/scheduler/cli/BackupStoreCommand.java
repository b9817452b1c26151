package dev.custos.scheduler.cli;

import java.util.List;
import java.util.Optional;

import picocli.CommandLine.ParentCommand;

import dev.custos.common.store.BlobStore;
import dev.custos.jobs.backup.BackupCatalog;
import dev.custos.jobs.backup.BackupKey;
import dev.custos.jobs.backup.BackupProperties;

/**
 * A {@code custos backup} command: it takes {@code --config} and {@code --name=value} from its
 * parent as well, and reads the application's blob store with the configured key (never printed).
 */
abstract class BackupStoreCommand extends SpringCommand {

    @ParentCommand
    BackupCommand parent;

    @Override
    Mode mode() {
        return Mode.READ_ONLY;
    }

    @Override
    public Integer call() {
        springOverrides = parent.springOverrides;
        if (config == null) {
            config = parent.config;
        }
        return super.call();
    }

    /** {@code which} when it is a backup id or one of {@code keywords}; a usage error otherwise. */
    static String idOr(String which, String... keywords) {
        if (BackupCatalog.isId(which) || List.of(keywords).contains(which)) {
            return which;
        }
        throw new UsageException("not a backup id: '" + which + "' (expected an id such as 2026-11-24.17, or "
                + String.join(" or ", keywords) + ")");
    }

    static BlobStore store(CustosContext context) {
        return context.bean(BlobStore.class);
    }

    static BackupCatalog catalog(CustosContext context) {
        return new BackupCatalog(store(context));
    }

    static Optional<BackupKey> key(CustosContext context) {
        return BackupKey.configured(context.bean(BackupProperties.class));
    }
}
