package dev.custos.archfixture.jobs.demo;

import dev.custos.common.job.Control;

public abstract class DemoControl implements Control {
}
