package dev.custos.scheduler.cli;

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
