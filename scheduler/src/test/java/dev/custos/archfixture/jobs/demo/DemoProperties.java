package dev.custos.archfixture.jobs.demo;

import java.util.List;

import dev.custos.archfixture.jobs.demo.source.DemoSource;

public record DemoProperties(List<DemoSource> sources) {
}
