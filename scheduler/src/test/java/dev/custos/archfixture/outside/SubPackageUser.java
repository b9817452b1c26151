package dev.custos.archfixture.outside;

import dev.custos.archfixture.jobs.demo.store.DemoStore;

/** Reaches a class of one of the demo job's concern sub-packages. */
public class SubPackageUser {

    public int use() {
        return new DemoStore().size();
    }
}
