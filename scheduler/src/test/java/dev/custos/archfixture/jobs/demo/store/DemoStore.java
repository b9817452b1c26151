package dev.custos.archfixture.jobs.demo.store;

public class DemoStore {

    public int size() {
        return 1;
    }
}
