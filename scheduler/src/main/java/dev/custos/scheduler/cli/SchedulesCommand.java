package dev.custos.scheduler.cli;

import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import dev.custos.scheduler.quartz.ScheduleService;
import dev.custos.scheduler.quartz.ScheduleService.ScheduleView;

@Command(name = "schedules", mixinStandardHelpOptions = true,
        description = "List the stored schedules (created or aligned with the configuration first). A job without "
                + "a schedule (disabled in the configuration) is NOT_SCHEDULED, with '-' (text) or null (JSON) for "
                + "what it does not have. Times in ISO-8601 UTC.")
final class SchedulesCommand extends SpringCommand {

    private static final String FORMAT = "%-26s %-22s %-16s %-13s %-14s %-21s %s%n";
    private static final String NONE = "-";
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text", description = "text or json (default text)")
    String format;

    @Override
    Mode mode() {
        return Mode.SCHEDULES;
    }

    @Override
    int call(CustosContext context) {
        if (!format.equals("text") && !format.equals("json")) {
            throw new UsageException("--format is text or json, not '" + format + "'");
        }
        ScheduleService schedules = context.bean(ScheduleService.class);
        schedules.storeMissing();
        List<ScheduleView> views = schedules.list();
        if (format.equals("json")) {
            out().println(JSON.writeValueAsString(views.stream().map(SchedulesCommand::json).toList()));
            return ExitCodes.OK;
        }
        out().printf(FORMAT, "JOB", "CRON", "ZONE", "STATE", "MISFIRE", "NEXT", "PREVIOUS");
        for (ScheduleView view : views) {
            out().printf(FORMAT, view.job(), text(view.cron()), view.zone(), view.state(), text(view.misfire()),
                    text(time(view.nextFire())), text(time(view.previousFire())));
        }
        return ExitCodes.OK;
    }

    private static Map<String, Object> json(ScheduleView view) {
        Map<String, Object> schedule = new LinkedHashMap<>();
        schedule.put("job", view.job());
        schedule.put("cron", view.cron());
        schedule.put("zone", view.zone());
        schedule.put("state", view.state());
        schedule.put("misfire", view.misfire() == null ? null : view.misfire().name());
        schedule.put("nextFire", time(view.nextFire()));
        schedule.put("previousFire", time(view.previousFire()));
        return schedule;
    }

    private static String text(Object value) {
        return value == null ? NONE : value.toString();
    }

    /** ISO-8601 UTC with Z, e.g. 2026-12-01T03:00:00Z. */
    private static String time(Date date) {
        return date == null ? null : date.toInstant().toString();
    }
}
