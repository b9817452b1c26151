package dev.custos.scheduler.quartz;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransactionRollbackException;

import org.junit.jupiter.api.Test;
import org.quartz.JobPersistenceException;
import org.quartz.ObjectAlreadyExistsException;

/** Which failures of storing a schedule are another node storing it too (retried), and which are real. */
class ClusterStoreCollisionTest {

    @Test
    void aScheduleAnotherNodeStoredFirstIsACollision() {
        assertThat(ClusterStore.collision(new ObjectAlreadyExistsException("trigger exists"))).isTrue();
        assertThat(ClusterStore.collision(new JobPersistenceException("Couldn't store trigger",
                new SQLIntegrityConstraintViolationException("Duplicate entry", "23000", 1062)))).isTrue();
        assertThat(ClusterStore.collision(new JobPersistenceException("Couldn't store trigger",
                new SQLTransactionRollbackException("Deadlock found", "40001", 1213)))).isTrue();
    }

    @Test
    void aLostDatabaseIsNotRetriedAsACollision() {
        assertThat(ClusterStore.collision(new JobPersistenceException("Couldn't store job",
                new SQLException("Communications link failure", "08S01")))).isFalse();
        assertThat(ClusterStore.collision(new JobPersistenceException("Couldn't store job",
                new SQLException("Table 'QRTZ_TRIGGERS' doesn't exist", "42S02", 1146)))).isFalse();
    }
}
