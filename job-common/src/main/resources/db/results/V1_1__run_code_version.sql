-- A run's code version is the project version plus the git commit of the build
-- (dev.custos.common.results.CodeVersion: 0.1.0-SNAPSHOT+<40 hex>[.dirty]), longer than 50.
ALTER TABLE run MODIFY code_version VARCHAR(100) NULL;
