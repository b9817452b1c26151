package dev.custos.scheduler.launch;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.batch.core.job.Job;
import org.springframework.stereotype.Component;

import dev.custos.common.CustosException;
import dev.custos.common.job.Control;

/** Every control of this build, found as beans: a {@link Control} and a {@link Job} of the same name. */
@Component
public class ControlCatalog {

    private final Map<String, Control> controls;
    private final Map<String, Job> jobs;

    public ControlCatalog(List<Control> controls, List<Job> jobs) {
        this.controls = controls.stream().collect(Collectors.toMap(Control::jobName, Function.identity(),
                (a, b) -> a, TreeMap::new));
        this.jobs = jobs.stream().collect(Collectors.toMap(Job::getName, Function.identity()));
        this.controls.keySet().forEach(name -> {
            if (!this.jobs.containsKey(name)) {
                throw new IllegalStateException("control " + name + " has no Job bean of that name");
            }
        });
    }

    public List<Control> controls() {
        return List.copyOf(controls.values());
    }

    public Control control(String name) {
        Control control = controls.get(name);
        if (control == null) {
            throw new UnknownJobException("unknown job '" + name + "': known jobs are " + String.join(", ", controls.keySet()));
        }
        return control;
    }

    public Job job(String name) {
        control(name);
        return jobs.get(name);
    }

    /** A job name that is not one of the controls. */
    public static class UnknownJobException extends CustosException {
        public UnknownJobException(String message) {
            super(message);
        }
    }
}
