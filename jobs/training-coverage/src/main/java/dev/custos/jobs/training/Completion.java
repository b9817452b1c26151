package dev.custos.jobs.training;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One row of {@code training_completions.csv}.
 *
 * @param score 0-100, or {@code null} when the LMS left it blank, which counts as a pass
 */
public record Completion(String employeeId, String courseId, LocalDate completedOn, Integer score) {

    public Completion {
        Objects.requireNonNull(employeeId, "employeeId");
        Objects.requireNonNull(courseId, "courseId");
        Objects.requireNonNull(completedOn, "completedOn");
    }
}
