package dev.custos.archfixture.outside;

import java.util.List;

import dev.custos.archfixture.jobs.demo.DemoControl;
import dev.custos.archfixture.jobs.demo.DemoJobConfig;
import dev.custos.archfixture.jobs.demo.DemoOperations;
import dev.custos.archfixture.jobs.demo.DemoProperties;
import dev.custos.archfixture.jobs.demo.sample.DemoSampleData;
import dev.custos.archfixture.jobs.demo.source.DemoKind;
import dev.custos.archfixture.jobs.demo.source.DemoSource;

/** Uses the demo job's control, configuration, settings (with their value types), facade and sample data. */
public class SurfaceUser {

    public String use(DemoControl control, DemoOperations operations) {
        DemoProperties settings = new DemoProperties(List.of(new DemoSource("crm", DemoKind.TABLE)));
        DemoOperations.Listing listing = operations.list();
        return DemoJobConfig.jobName() + control + settings + listing.entries() + DemoSampleData.typicalRow();
    }
}
