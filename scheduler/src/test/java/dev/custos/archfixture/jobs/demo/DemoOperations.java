package dev.custos.archfixture.jobs.demo;

import dev.custos.archfixture.jobs.demo.store.DemoStore;

public class DemoOperations {

    public Listing list() {
        return new Listing(new DemoSteps().count(new DemoStore()));
    }

    public record Listing(int entries) {
    }
}
