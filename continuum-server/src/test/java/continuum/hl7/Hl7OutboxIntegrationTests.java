package continuum.hl7;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The outbound queue against a scripted peer on a real socket: sent after commit, retried
 * after a hang-up, an AE or a silence until the peer answers AA, in order per ordering
 * key, and never without a transaction.
 */
@Hl7IntegrationTest
class Hl7OutboxIntegrationTests {

	@Autowired
	Hl7Outbox outbox;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	TestPeer peer;

	@BeforeEach
	void peer() {
		peer = TestPeer.get();
		peer.script.clear();
	}

	static String oml(String controlId) {
		return "MSH|^~\\&|CONTINUUM|HOSP|MW|LAB|20261206120000||OML^O21^OML_O21|" + controlId
				+ "|P|2.5.1\rPID|1||MRN1^^^HOSP^MR\rORC|NW|" + controlId + "\r";
	}

	void enqueue(String key, String controlId) {
		new TransactionTemplate(transactions)
			.executeWithoutResult(s -> outbox.enqueue("testpeer", key, oml(controlId), "patient-1"));
	}

	Object state(String controlId) {
		return jdbc.sql("select state from hl7_outbound where control_id = ?").param(controlId).query().singleValue();
	}

	@Test
	void sendsRightAfterCommit() {
		String id = "O" + UUID.randomUUID().toString().substring(0, 12);
		enqueue("order-" + id, id);
		await().atMost(Duration.ofSeconds(3)).until(() -> peer.accepted.contains(id));
		await().atMost(Duration.ofSeconds(3)).until(() -> "sent".equals(state(id)));
		assertThat(jdbc
			.sql("select count(*) from audit_log where resource_type = 'Hl7Message' and action = 'EXPORT' "
					+ "and patient_id = 'patient-1' and resource_id = (select 'out-' || id from hl7_outbound "
					+ "where control_id = ?)")
			.param(id)
			.query(Long.class)
			.single()).isOne();
	}

	@Test
	void retriesUntilThePeerTakesItKeepingTheOrderOfEachKey() {
		String key = "order-" + UUID.randomUUID().toString().substring(0, 8);
		String first = key + "-1";
		String second = key + "-2";
		peer.script
			.addAll(List.of(TestPeer.Behaviour.HANG_UP, TestPeer.Behaviour.ANSWER_AE, TestPeer.Behaviour.SILENT));
		new TransactionTemplate(transactions).executeWithoutResult(s -> {
			outbox.enqueue("testpeer", key, oml(first), null);
			outbox.enqueue("testpeer", key, oml(second), null);
		});
		await().atMost(Duration.ofSeconds(20)).until(() -> peer.accepted.contains(second));
		// The first was tried three times (hang-up, AE, no answer) before its AA; the
		// second only ever went out after it.
		assertThat(peer.received.stream().filter(c -> c.startsWith(key)).toList()).containsExactly(first, first, first,
				first, second);
		assertThat(peer.accepted.indexOf(first)).isLessThan(peer.accepted.indexOf(second));
		await().atMost(Duration.ofSeconds(3)).until(() -> "sent".equals(state(second)));
		assertThat(jdbc.sql("select attempts, ack_code, last_error from hl7_outbound where control_id = ?")
			.param(first)
			.query()
			.singleRow()).containsEntry("attempts", 4)
			.containsEntry("ack_code", "AA")
			.containsEntry("last_error", null);
	}

	@Test
	void recordsTheLastErrorWhileItRetries() {
		String id = "R" + UUID.randomUUID().toString().substring(0, 12);
		peer.script.addAll(List.of(TestPeer.Behaviour.ANSWER_AE, TestPeer.Behaviour.ANSWER_AE,
				TestPeer.Behaviour.ANSWER_AE, TestPeer.Behaviour.ANSWER_AE, TestPeer.Behaviour.ANSWER_AE,
				TestPeer.Behaviour.ANSWER_AE, TestPeer.Behaviour.ANSWER_AE, TestPeer.Behaviour.ANSWER_AE));
		enqueue("order-" + id, id);
		await().atMost(Duration.ofSeconds(5))
			.until(() -> jdbc.sql("select last_error from hl7_outbound where control_id = ?")
				.param(id)
				.query(String.class)
				.optional()
				.orElse("")
				.startsWith("ack-AE"));
		assertThat(state(id)).isEqualTo("pending");
		peer.script.clear();
		await().atMost(Duration.ofSeconds(5)).until(() -> "sent".equals(state(id)));
	}

	@Test
	void refusesToQueueOutsideATransaction() {
		assertThatThrownBy(() -> outbox.enqueue("testpeer", "k", oml("NOTX"), null))
			.isInstanceOf(org.springframework.transaction.IllegalTransactionStateException.class);
	}

}
