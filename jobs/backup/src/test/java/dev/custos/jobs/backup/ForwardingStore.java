package dev.custos.jobs.backup;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;

import dev.custos.common.store.BlobInfo;
import dev.custos.common.store.BlobStore;
import dev.custos.common.store.BlobUpload;

/** A real store that tests decorate: every operation goes on to it unless overridden. */
class ForwardingStore implements BlobStore {

    private final BlobStore store;

    ForwardingStore(BlobStore store) {
        this.store = store;
    }

    @Override
    public BlobUpload create(String key) {
        return store.create(key);
    }

    @Override
    public InputStream open(String key) {
        return store.open(key);
    }

    @Override
    public Optional<BlobInfo> stat(String key) {
        return store.stat(key);
    }

    @Override
    public List<BlobInfo> list(String prefix) {
        return store.list(prefix);
    }

    @Override
    public void delete(String key) {
        store.delete(key);
    }

    @Override
    public String describe() {
        return store.describe();
    }
}
