package dev.custos.jobs.keyrotation;

import java.util.List;

import dev.custos.common.job.Control;
import dev.custos.common.period.PeriodType;

/** key-rotation as the scheduler sees it: monthly, on the 1st at 06:00, for the month before. */
final class KeyRotationControl implements Control {

    @Override
    public String jobName() {
        return KeyRotationJobConfig.JOB_NAME;
    }

    @Override
    public PeriodType periodType() {
        return PeriodType.MONTH;
    }

    @Override
    public String defaultCron() {
        return "0 0 6 1 * ?";
    }

    @Override
    public List<String> detailTables() {
        return List.of();
    }

    @Override
    public List<String> stagingTables() {
        return List.of("kr_key_stage");
    }
}
