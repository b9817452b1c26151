package dev.custos.archfixture.outside;

import dev.custos.archfixture.jobs.demo.DemoSteps;

/** Reaches a class of the demo job's root package that is not its surface. */
public class RootInternalsUser {

    public int use(DemoSteps steps) {
        return steps.hashCode();
    }
}
