package dev.custos.archfixture.jobs.demo.sample;

public class DemoSampleData {

    public static String typicalRow() {
        return "1,typical";
    }
}
