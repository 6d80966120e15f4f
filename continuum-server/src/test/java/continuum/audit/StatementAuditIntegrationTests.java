package continuum.audit;

import java.util.List;
import java.util.UUID;

import continuum.ContinuumIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A read whose statement writes its own audit row: the row exists exactly when the read
 * found something, is committed when the statement returns outside a transaction, and
 * shares the fate of the transaction inside one.
 */
@ContinuumIntegrationTest
class StatementAuditIntegrationTests {

	@Autowired
	AuditService audit;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void everyConcurrentReadThatFindsARowIsCommittedOnceWhenItsStatementReturns() throws Exception {
		String run = UUID.randomUUID().toString().substring(0, 8);
		int threads = 8;
		int readsPerThread = 40;
		ConcurrentReads.eachVisibleOnReturn(run, threads, readsPerThread, id -> {
			assertThat(read(id, true)).containsExactly(id);
			return rowsFor(id);
		});
		assertThat(jdbc.sql("""
				select count(*), count(distinct resource_id), count(*) filter (where username = 'system'
				  and action = 'READ' and resource_type = 'Patient' and patient_id = '7' and outcome = 'SUCCESS')
				from audit_log where resource_id like :run""")
			.param("run", run + "-%")
			.query((rs, n) -> List.of(rs.getInt(1), rs.getInt(2), rs.getInt(3)))
			.single()).containsExactly(threads * readsPerThread, threads * readsPerThread, threads * readsPerThread);
	}

	@Test
	void aReadThatFindsNothingWritesNoRow() {
		String id = "absent-" + UUID.randomUUID();
		assertThat(read(id, false)).isEmpty();
		assertThat(rowsFor(id)).isZero();
	}

	@Test
	void aReadWhoseStatementFailsWritesNoRow() {
		String id = "failed-" + UUID.randomUUID();
		StatementAudit read = audit.inStatement(AuditEntry.success(AuditAction.READ, "Patient", id, "7"));
		assertThatExceptionOfType(DataAccessException.class).isThrownBy(() -> read
			.bind(jdbc
				.sql("with found as (select 1 / (:zero - :zero) as x), " + read.cte("found") + " select x from found"))
			.param("zero", 0)
			.query(Integer.class)
			.list());
		assertThat(rowsFor(id)).isZero();
	}

	@Test
	void aReadInsideATransactionThatRollsBackLeavesNoRow() {
		String id = "rolled-back-" + UUID.randomUUID();
		transactions.executeWithoutResult(status -> {
			assertThat(read(id, true)).containsExactly(id);
			assertThat(rowsFor(id)).isOne();
			status.setRollbackOnly();
		});
		assertThat(rowsFor(id)).isZero();
	}

	private List<String> read(String id, boolean found) {
		StatementAudit read = audit.inStatement(AuditEntry.success(AuditAction.READ, "Patient", id, "7"));
		return read.bind(jdbc.sql("with found as (select cast(:id as varchar) as id where :found), " + read.cte("found")
				+ " select id from found"))
			.param("id", id)
			.param("found", found)
			.query(String.class)
			.list();
	}

	private int rowsFor(String id) {
		return jdbc.sql("select count(*) from audit_log where resource_id = :id")
			.param("id", id)
			.query(Integer.class)
			.single();
	}

}
