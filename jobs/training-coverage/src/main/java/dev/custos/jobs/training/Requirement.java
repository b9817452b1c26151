package dev.custos.jobs.training;

import java.util.Objects;

/** One row of {@code training_requirements.csv}: a course and the staff who must complete it. */
public record Requirement(String courseId, String title, Audience audience) {

    public Requirement {
        Objects.requireNonNull(courseId, "courseId");
        Objects.requireNonNull(audience, "audience");
    }
}
