package continuum.audit;

import java.util.List;
import java.util.UUID;

import continuum.ContinuumIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads outside a transaction are audited by group commit: every row is written exactly
 * once, with its own actor, and is committed before the call returns; inside a
 * transaction the row still shares the transaction's fate.
 */
@ContinuumIntegrationTest
class AuditGroupCommitIntegrationTests {

	@Autowired
	AuditService audit;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void everyConcurrentReadIsCommittedOnceBeforeTheCallReturns() throws Exception {
		String run = UUID.randomUUID().toString().substring(0, 8);
		int threads = 16;
		int readsPerThread = 40;
		ConcurrentReads.eachVisibleOnReturn(run, threads, readsPerThread, id -> {
			audit.recordRead(AuditEntry.success(AuditAction.READ, "Patient", id, "7"));
			return jdbc.sql("select count(*) from audit_log where resource_id = :id")
				.param("id", id)
				.query(Integer.class)
				.single();
		});
		assertThat(jdbc.sql("select count(*), count(distinct resource_id) from audit_log where resource_id like :run")
			.param("run", run + "-%")
			.query((rs, n) -> List.of(rs.getInt(1), rs.getInt(2)))
			.single()).containsExactly(threads * readsPerThread, threads * readsPerThread);
		assertThat(jdbc.sql("select distinct username from audit_log where resource_id like :run")
			.param("run", run + "-%")
			.query(String.class)
			.list()).containsExactly(Actor.SYSTEM.username());
	}

	@Test
	void aReadInsideATransactionThatRollsBackLeavesNoRow() {
		String id = "rolled-back-" + UUID.randomUUID();
		transactions.executeWithoutResult(status -> {
			audit.recordRead(AuditEntry.success(AuditAction.READ, "Patient", id, "7"));
			status.setRollbackOnly();
		});
		assertThat(jdbc.sql("select count(*) from audit_log where resource_id = :id")
			.param("id", id)
			.query(Integer.class)
			.single()).isZero();
	}

}
