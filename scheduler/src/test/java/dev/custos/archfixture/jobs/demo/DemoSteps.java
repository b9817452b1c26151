package dev.custos.archfixture.jobs.demo;

import dev.custos.archfixture.jobs.demo.store.DemoStore;

public class DemoSteps {

    public int count(DemoStore store) {
        return store.size();
    }
}
