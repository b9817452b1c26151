package dev.custos.archfixture.jobs.demo.source;

public record DemoSource(String name, DemoKind kind) {
}
