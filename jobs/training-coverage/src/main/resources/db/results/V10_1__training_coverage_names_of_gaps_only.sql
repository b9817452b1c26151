-- Personal data: training_coverage keeps an employee's name only where gaps.csv lists it (an
-- in-scope employee with missing courses); covered employees are kept by identifier alone.
ALTER TABLE training_coverage MODIFY full_name VARCHAR(255) NULL;
UPDATE training_coverage SET full_name = NULL WHERE covered;
