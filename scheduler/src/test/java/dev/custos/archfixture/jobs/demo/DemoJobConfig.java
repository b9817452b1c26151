package dev.custos.archfixture.jobs.demo;

public class DemoJobConfig {

    public static String jobName() {
        return "demo";
    }
}
