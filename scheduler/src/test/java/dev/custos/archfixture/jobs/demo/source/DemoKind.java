package dev.custos.archfixture.jobs.demo.source;

public enum DemoKind {
    TABLE, DIRECTORY
}
