package continuum.audit;

import java.util.List;

import continuum.ContinuumIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The audit log detects any row changed, removed or reordered, even by someone who
 * bypasses the application and its append-only trigger with direct SQL as the database
 * owner.
 */
@ContinuumIntegrationTest
class AuditChainIntegrationTests {

	@Autowired
	AuditService audit;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	/**
	 * Each test tampers in a transaction it rolls back, so the shared log stays intact
	 * for other tests.
	 */
	private AuditVerification tamperAndVerify(String... statements) {
		AuditVerification[] result = new AuditVerification[1];
		transactions.executeWithoutResult(status -> {
			jdbc.sql("alter table audit_log disable trigger user").update();
			for (String statement : statements) {
				jdbc.sql(statement).update();
			}
			result[0] = new AuditVerifier(jdbc).verify();
			status.setRollbackOnly();
		});
		return result[0];
	}

	private List<Long> chainedIds(int count) {
		for (int i = 0; i < count; i++) {
			String resourceId = Integer.toString(1000 + i);
			transactions.executeWithoutResult(
					s -> audit.record(AuditEntry.success(AuditAction.READ, "Patient", resourceId, resourceId)));
		}
		audit.verify();
		return jdbc.sql("select id from audit_log where chain_seq is not null order by chain_seq desc limit :n")
			.param("n", count)
			.query(Long.class)
			.list();
	}

	@AfterEach
	void logIsIntactAfterEachTest() {
		assertThat(audit.verify().intact()).isTrue();
	}

	@Test
	void untouchedLogVerifies() {
		chainedIds(5);
		AuditVerification result = audit.verify();
		assertThat(result.intact()).isTrue();
		assertThat(result.rowsChecked()).isGreaterThanOrEqualTo(5);
		assertThat(result.problems()).isEmpty();
	}

	@Test
	void detectsAChangedRow() {
		long id = chainedIds(3).get(1);
		AuditVerification result = tamperAndVerify("update audit_log set username = 'someone-else' where id = " + id);
		assertThat(result.intact()).isFalse();
		assertThat(result.problems()).anyMatch(p -> p.contains("row id " + id) && p.contains("changed"));
	}

	@Test
	void detectsARemovedRow() {
		long id = chainedIds(3).get(1);
		AuditVerification result = tamperAndVerify("delete from audit_log where id = " + id);
		assertThat(result.intact()).isFalse();
		assertThat(result.problems()).anyMatch(p -> p.contains("missing") || p.contains("removed"));
	}

	@Test
	void detectsReorderedRows() {
		List<Long> ids = chainedIds(3);
		long a = ids.get(0);
		long b = ids.get(1);
		long seqA = jdbc.sql("select chain_seq from audit_log where id = " + a).query(Long.class).single();
		long seqB = jdbc.sql("select chain_seq from audit_log where id = " + b).query(Long.class).single();
		AuditVerification result = tamperAndVerify("update audit_log set chain_seq = -1 where id = " + a,
				"update audit_log set chain_seq = " + seqA + " where id = " + b,
				"update audit_log set chain_seq = " + seqB + " where id = " + a);
		assertThat(result.intact()).isFalse();
		assertThat(result.problems()).anyMatch(p -> p.contains("does not link") || p.contains("changed"));
	}

	@Test
	void recordsManyEntriesAtOnceInOrderAndChainsThem() {
		String marker = "batch-" + System.nanoTime();
		transactions.executeWithoutResult(s -> audit
			.recordAll(List.of(new AuditEntry(AuditAction.SEARCH, "Patient", "11", "11", AuditOutcome.SUCCESS, marker),
					new AuditEntry(AuditAction.SEARCH, "Patient", "12", "12", AuditOutcome.SUCCESS, marker),
					new AuditEntry(AuditAction.SEARCH, "Patient", "13", "13", AuditOutcome.SUCCESS, marker))));
		assertThat(audit.verify().intact()).isTrue();
		List<String> patients = jdbc.sql("select patient_id from audit_log where detail = :m order by id")
			.param("m", marker)
			.query(String.class)
			.list();
		assertThat(patients).containsExactly("11", "12", "13");
	}

	@Test
	void refusesUpdatesAndDeletesThroughTheTrigger() {
		long id = chainedIds(1).get(0);
		assertThatThrownBy(() -> jdbc.sql("update audit_log set username = 'x' where id = " + id).update())
			.isInstanceOf(DataAccessException.class)
			.hasMessageContaining("cannot be changed");
		assertThatThrownBy(() -> jdbc.sql("delete from audit_log where id = " + id).update())
			.isInstanceOf(DataAccessException.class)
			.hasMessageContaining("append-only");
	}

}
