package continuum.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import continuum.ContinuumIntegrationTest;
import continuum.EmbeddedDatabaseRoles;
import continuum.ExternalTestDatabase;
import continuum.QueryPlans;
import continuum.platform.PlatformSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

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

	@Autowired
	AuditChainer chainer;

	@Autowired
	DataSource dataSource;

	@Autowired
	AuditAnchor anchor;

	@Autowired
	PlatformSettings settings;

	@Autowired
	AuditKey key;

	/**
	 * The owner of the tables: only it may tamper with them, as an attacker with its
	 * password would.
	 */
	JdbcClient owner;

	TransactionTemplate ownerTransactions;

	@BeforeEach
	void connectAsOwner() {
		DataSource ownerDataSource = EmbeddedDatabaseRoles.owner(settings);
		this.owner = JdbcClient.create(ownerDataSource);
		this.ownerTransactions = new TransactionTemplate(new DataSourceTransactionManager(ownerDataSource));
	}

	/**
	 * Each test tampers in a transaction it rolls back, so the shared log stays intact
	 * for other tests.
	 */
	private AuditVerification tamperAndVerify(String... statements) {
		AuditVerification[] result = new AuditVerification[1];
		ownerTransactions.executeWithoutResult(status -> {
			holdTheChainer();
			owner.sql("alter table audit_log disable trigger user").update();
			owner.sql("alter table audit_chain disable trigger user").update();
			for (String statement : statements) {
				owner.sql(statement).update();
			}
			result[0] = new AuditVerifier(new AuditChainRepository(owner), anchor,
					new ShippedChainVerifier(new NodeEntryRepository(owner)), key)
				.verify();
			status.setRollbackOnly();
		});
		return result[0];
	}

	/**
	 * Keeps the scheduled chainer out until the current transaction ends, so that no
	 * round links rows or moves the anchor while a test tampers.
	 */
	private void holdTheChainer() {
		owner.sql("select pg_advisory_xact_lock(:key)")
			.param("key", AuditChainRepository.LOCK_KEY)
			.query()
			.singleValue();
	}

	private List<Long> chainedIds(int count) {
		for (int i = 0; i < count; i++) {
			String resourceId = Integer.toString(1000 + i);
			transactions.executeWithoutResult(
					s -> audit.record(AuditEntry.success(AuditAction.READ, "Patient", resourceId, resourceId)));
		}
		audit.verify();
		return jdbc.sql("select audit_id from audit_chain order by seq desc limit :n")
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
		assertThat(result.problems()).anyMatch(p -> p.contains("row id " + id) && p.contains("was removed"));
	}

	@Test
	void detectsARemovedLink() {
		long id = chainedIds(3).get(1);
		AuditVerification result = tamperAndVerify("delete from audit_chain where audit_id = " + id);
		assertThat(result.intact()).isFalse();
		assertThat(result.problems()).anyMatch(p -> p.contains("missing") && p.contains("rows removed"));
	}

	@Test
	void detectsARowAddedBehindTheChain() {
		chainedIds(1);
		AuditVerification result = tamperAndVerify("""
				insert into audit_log (recorded_at, username, action, resource_type, outcome)
				values (now(), 'mallory', 'READ', 'Patient', 'SUCCESS')""");
		assertThat(result.intact()).isFalse();
		assertThat(result.problems()).anyMatch(p -> p.contains("neither in the chain") && p.contains("behind"));
	}

	@Test
	void detectsARowTakenOffTheQueueBeforeItWasLinked() {
		AuditVerification[] result = new AuditVerification[1];
		transactions.executeWithoutResult(status -> {
			long id = jdbc.sql("""
					insert into audit_log (recorded_at, username, action, resource_type, outcome)
					values (now(), 'chain-test', 'READ', 'Patient', 'SUCCESS') returning id""")
				.query(Long.class)
				.single();
			jdbc.sql("delete from audit_pending where audit_id = " + id).update();
			result[0] = new AuditVerifier(new AuditChainRepository(jdbc), anchor,
					new ShippedChainVerifier(new NodeEntryRepository(jdbc)), key)
				.verify();
			assertThat(result[0].problems()).anyMatch(p -> p.contains("row id " + id) && p.contains("neither"));
			status.setRollbackOnly();
		});
		assertThat(result[0].intact()).isFalse();
	}

	/**
	 * A writer draws its row's id before it commits, and can commit long after later
	 * rows: its row is linked when it commits, and nothing waits for it meanwhile.
	 */
	@Test
	void linksARowThatCommitsAfterLaterRowsWithoutHoldingThemBack() throws Exception {
		String marker = "late-" + System.nanoTime();
		try (Connection late = dataSource.getConnection(); Connection early = dataSource.getConnection()) {
			late.setAutoCommit(false);
			long lateId = insertRow(late, marker);
			long earlyId = insertRow(early, marker);
			assertThat(earlyId).isGreaterThan(lateId);
			chainer.chainPending();
			assertThat(linkedIds(marker)).containsExactly(earlyId);
			late.commit();
			chainer.chainPending();
			assertThat(linkedIds(marker)).containsExactly(earlyId, lateId);
		}
		assertThat(audit.verify().intact()).isTrue();
	}

	/**
	 * Eight writers commit audit rows while two chainers (as on two nodes) link them:
	 * every row ends up linked exactly once and the chain verifies.
	 */
	@Test
	void concurrentWritersAndChainersLinkEveryRowExactlyOnce() throws Exception {
		String marker = "concurrent-" + System.nanoTime();
		int writers = 8;
		int rowsEach = 150;
		ExecutorService pool = Executors.newFixedThreadPool(writers + 2);
		AtomicBoolean writing = new AtomicBoolean(true);
		try {
			List<Future<?>> chainers = new ArrayList<>();
			for (int c = 0; c < 2; c++) {
				chainers.add(pool.submit(() -> {
					while (writing.get()) {
						chainer.chainPending();
					}
					return null;
				}));
			}
			List<Future<?>> writes = new ArrayList<>();
			for (int w = 0; w < writers; w++) {
				String writer = Integer.toString(w);
				writes.add(pool.submit(() -> {
					for (int i = 0; i < rowsEach; i++) {
						transactions.executeWithoutResult(status -> audit.record(new AuditEntry(AuditAction.READ,
								"Patient", writer, writer, AuditOutcome.SUCCESS, marker)));
					}
					return null;
				}));
			}
			for (Future<?> write : writes) {
				write.get(60, TimeUnit.SECONDS);
			}
			writing.set(false);
			for (Future<?> running : chainers) {
				running.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		chainer.chainPending();
		List<Long> linked = linkedIds(marker);
		assertThat(linked).hasSize(writers * rowsEach).doesNotHaveDuplicates();
		assertThat(audit.verify().intact()).isTrue();
	}

	@Test
	void aRolledBackRowIsNeverLinkedAndHoldsNothingBack() throws Exception {
		String marker = "rolled-back-" + System.nanoTime();
		try (Connection rolledBack = dataSource.getConnection(); Connection committed = dataSource.getConnection()) {
			rolledBack.setAutoCommit(false);
			insertRow(rolledBack, marker);
			long committedId = insertRow(committed, marker);
			rolledBack.rollback();
			chainer.chainPending();
			assertThat(linkedIds(marker)).containsExactly(committedId);
		}
	}

	@Test
	void linksMoreRowsThanOneBatchHolds() {
		String marker = "many-" + System.nanoTime();
		List<AuditEntry> entries = new java.util.ArrayList<>();
		for (int i = 0; i < 2500; i++) {
			entries.add(new AuditEntry(AuditAction.SEARCH, "Patient", Integer.toString(i), Integer.toString(i),
					AuditOutcome.SUCCESS, marker));
		}
		transactions.executeWithoutResult(s -> audit.recordAll(entries));
		chainer.chainPending();
		assertThat(linkedIds(marker)).hasSize(2500);
		assertThat(jdbc.sql("""
				select count(*) from audit_pending p join audit_log a on a.id = p.audit_id where a.detail = :marker""")
			.param("marker", marker)
			.query(Long.class)
			.single()).isZero();
	}

	/**
	 * The chainer's round reads the rows it takes and no other row of the log, whatever
	 * the planner believes about the queue. With the join it used to make, a queue whose
	 * statistics said thousands of entries got a merge join that walked the log from its
	 * first row on every round: a quarter of a millisecond per audited read.
	 */
	@Test
	void aRoundReadsOnlyTheRowsItTakesWhateverTheQueueStatisticsSay() {
		String marker = "plan-" + System.nanoTime();
		List<AuditEntry> entries = new ArrayList<>();
		for (int i = 0; i < 3000; i++) {
			entries.add(new AuditEntry(AuditAction.READ, "Patient", Integer.toString(i), Integer.toString(i),
					AuditOutcome.SUCCESS, marker));
		}
		transactions.executeWithoutResult(status -> {
			audit.recordAll(entries);
			for (boolean analyzed : new boolean[] { false, true }) {
				if (analyzed) {
					jdbc.sql("analyze audit_pending").update();
				}
				jdbc.sql("savepoint round").update();
				JsonNode plan = QueryPlans.analyze(jdbc, AuditChainRepository.TAKE_BATCH, Map.of("batch", 1000));
				jdbc.sql("rollback to savepoint round").update();
				assertThat(QueryPlans.rowsRead(plan, "audit_log"))
					.as("audit_log rows read by a round of 1000 (statistics %s)", analyzed ? "fresh" : "stale")
					.isEqualTo(1000);
			}
			status.setRollbackOnly();
		});
	}

	/**
	 * Someone who can change the database removes the newest rows with their links: the
	 * chain left is consistent, but it no longer reaches the link anchored outside the
	 * database.
	 */
	@Test
	void detectsTheNewestRowsRemovedWithTheirLinks() {
		List<Long> newest = chainedIds(3);
		long head = jdbc.sql("select max(seq) from audit_chain").query(Long.class).single();
		assertThat(anchor.read()).hasValueSatisfying(link -> assertThat(link.position()).isGreaterThanOrEqualTo(head));
		AuditVerification result = tamperAndVerify("delete from audit_chain where seq > " + (head - 2),
				"delete from audit_log where id in (" + newest.get(0) + ", " + newest.get(1) + ")");
		assertThat(result.intact()).isFalse();
		assertThat(result.anchoredPosition()).isNotNull().isGreaterThanOrEqualTo(head);
		assertThat(result.problems()).anySatisfy(problem -> assertThat(problem).contains("the chain ends at position "
				+ (head - 2) + ", before position " + result.anchoredPosition() + " named by the anchor"));
	}

	/**
	 * Someone who can change the database changes a row and recomputes every link from it
	 * to the head with plain SHA-256, as the chain was hashed before it was keyed:
	 * without the audit key the keyed links do not match, and the anchor shows it too.
	 */
	@Test
	void detectsARowRewrittenWithThePlainChainRecomputed() {
		chainedIds(3);
		assertThat(jdbc.sql("select keyed_from from audit_chain_key").query(Long.class).single())
			.as("the chain is keyed before these rows")
			.isLessThan(jdbc.sql("select max(seq) - 2 from audit_chain").query(Long.class).single());
		AuditVerification[] result = new AuditVerification[1];
		ownerTransactions.executeWithoutResult(status -> {
			holdTheChainer();
			long head = anchor.read().orElseThrow().position();
			owner.sql("alter table audit_log disable trigger user").update();
			owner.sql("alter table audit_chain disable trigger user").update();
			long changed = owner.sql("select audit_id from audit_chain where seq = :seq")
				.param("seq", head - 1)
				.query(Long.class)
				.single();
			owner.sql("update audit_log set detail = 'rewritten' where id = :id").param("id", changed).update();
			byte[] previous = owner.sql("select prev_hash from audit_chain where seq = :seq")
				.param("seq", head - 1)
				.query(byte[].class)
				.single();
			List<AuditRecord> rows = owner.sql("""
					select a.* from audit_chain c join audit_log a on a.id = c.audit_id
					where c.seq >= :from order by c.seq""")
				.param("from", head - 1)
				.query((rs, n) -> AuditRepository.map(rs))
				.list();
			long seq = head - 1;
			for (AuditRecord row : rows) {
				byte[] hash = AuditHash.of(previous, seq, row);
				owner.sql("update audit_chain set prev_hash = :prev, hash = :hash where seq = :seq")
					.param("prev", previous)
					.param("hash", hash)
					.param("seq", seq)
					.update();
				previous = hash;
				seq++;
			}
			result[0] = new AuditVerifier(new AuditChainRepository(owner), anchor,
					new ShippedChainVerifier(new NodeEntryRepository(owner)), key)
				.verify();
			status.setRollbackOnly();
		});
		assertThat(result[0].intact()).isFalse();
		assertThat(result[0].problems())
			.anySatisfy(problem -> assertThat(problem).contains("differs from the anchor kept outside the database"));
		assertThat(result[0].problems())
			.anySatisfy(problem -> assertThat(problem).contains("was changed after it was recorded"));
	}

	/**
	 * Once the chain no longer reaches the anchored link, the chainer goes on linking
	 * rows but leaves the anchor where it is: the next round, or the round
	 * {@code audit verify} itself runs first, must not overwrite the evidence with the
	 * shortened chain's head.
	 */
	@Test
	void theChainerNeverMovesAnAnchorTheChainNoLongerHolds() throws Exception {
		chainedIds(1);
		byte[] kept = java.nio.file.Files.readAllBytes(anchor.file());
		long head = jdbc.sql("select max(seq) from audit_chain").query(Long.class).single();
		try {
			for (long anchoredAt : new long[] { head + 50, head }) {
				// As if the newest links had been removed, then as if the chain had been
				// recomputed: a hash the chain does not hold.
				String forged = anchoredAt + " " + "ab".repeat(32) + "\n";
				java.nio.file.Files.writeString(anchor.file(), forged);
				transactions.executeWithoutResult(
						s -> audit.record(AuditEntry.success(AuditAction.READ, "Patient", "77", "77")));
				AuditVerification result = audit.verify();
				assertThat(java.nio.file.Files.readString(anchor.file())).isEqualTo(forged);
				assertThat(result.intact()).isFalse();
				assertThat(result.anchoredPosition()).isEqualTo(anchoredAt);
				assertThat(result.problems()).singleElement()
					.asString()
					.contains(anchoredAt > head ? "before position " + anchoredAt : "position " + head + " differs");
			}
		}
		finally {
			java.nio.file.Files.write(anchor.file(), kept);
		}
		transactions
			.executeWithoutResult(s -> audit.record(AuditEntry.success(AuditAction.READ, "Patient", "77", "77")));
		assertThat(audit.verify().intact()).isTrue();
		assertThat(anchor.read()).hasValueSatisfying(link -> assertThat(link.position()).isGreaterThan(head));
	}

	@Test
	void reportsAnAnchorFileThatHoldsNoLink() throws Exception {
		chainedIds(1);
		byte[] kept = java.nio.file.Files.readAllBytes(anchor.file());
		try {
			java.nio.file.Files.writeString(anchor.file(), "not a link\n");
			AuditVerification result = new AuditVerifier(new AuditChainRepository(jdbc), anchor,
					new ShippedChainVerifier(new NodeEntryRepository(jdbc)), key)
				.verify();
			assertThat(result.intact()).isFalse();
			assertThat(result.problems())
				.anySatisfy(problem -> assertThat(problem).contains("does not hold a chain link"));
		}
		finally {
			java.nio.file.Files.write(anchor.file(), kept);
		}
	}

	private static long insertRow(Connection connection, String marker) throws SQLException {
		try (PreparedStatement insert = connection.prepareStatement("""
				insert into audit_log (recorded_at, username, action, resource_type, outcome, detail)
				values (now(), 'chain-test', 'READ', 'Patient', 'SUCCESS', ?) returning id""")) {
			insert.setString(1, marker);
			try (ResultSet rs = insert.executeQuery()) {
				rs.next();
				return rs.getLong(1);
			}
		}
	}

	private List<Long> linkedIds(String marker) {
		return jdbc.sql("""
				select c.audit_id from audit_chain c join audit_log a on a.id = c.audit_id
				where a.detail = :marker order by c.seq""").param("marker", marker).query(Long.class).list();
	}

	@Test
	void detectsReorderedRows() {
		List<Long> ids = chainedIds(3);
		long a = ids.get(0);
		long b = ids.get(1);
		long seqA = jdbc.sql("select seq from audit_chain where audit_id = " + a).query(Long.class).single();
		long seqB = jdbc.sql("select seq from audit_chain where audit_id = " + b).query(Long.class).single();
		AuditVerification result = tamperAndVerify("update audit_chain set seq = -1 where audit_id = " + a,
				"update audit_chain set seq = " + seqA + " where audit_id = " + b,
				"update audit_chain set seq = " + seqB + " where audit_id = " + a);
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

	/**
	 * The application's role may add audit rows and read them, and no more: it owns none
	 * of the tables, so it can neither change or remove a row nor switch off the trigger
	 * that guards them. (The embedded database's role split; an external database runs
	 * with the one user it is given, which owns the tables.)
	 */
	@Test
	void theApplicationsRoleMayOnlyAddAndReadTheAuditTables() {
		assumeFalse(ExternalTestDatabase.configured(), "an external database has no separate application role");
		long id = chainedIds(1).get(0);
		for (String statement : List.of("update audit_log set username = 'x' where id = " + id,
				"delete from audit_log where id = " + id, "truncate audit_log",
				"update audit_chain set hash = prev_hash where audit_id = " + id,
				"delete from audit_chain where audit_id = " + id, "truncate audit_chain",
				"update audit_pending set audit_id = -1", "truncate audit_pending")) {
			assertThatThrownBy(() -> jdbc.sql(statement).update()).as(statement)
				.isInstanceOf(DataAccessException.class)
				.rootCause()
				.hasMessageContaining("permission denied");
		}
		assertThatThrownBy(() -> jdbc.sql("alter table audit_log disable trigger user").update())
			.isInstanceOf(DataAccessException.class)
			.rootCause()
			.hasMessageContaining("must be owner");
		assertThat(jdbc.sql("select count(*) from audit_log where id = " + id).query(Long.class).single()).isOne();
	}

	@Test
	void refusesUpdatesAndDeletesThroughTheTrigger() {
		long id = chainedIds(1).get(0);
		assertThatThrownBy(() -> owner.sql("update audit_log set username = 'x' where id = " + id).update())
			.isInstanceOf(DataAccessException.class)
			.hasMessageContaining("cannot be changed");
		assertThatThrownBy(() -> owner.sql("delete from audit_log where id = " + id).update())
			.isInstanceOf(DataAccessException.class)
			.hasMessageContaining("append-only");
		assertThatThrownBy(() -> owner.sql("update audit_chain set hash = prev_hash where audit_id = " + id).update())
			.isInstanceOf(DataAccessException.class)
			.hasMessageContaining("cannot be changed");
		assertThatThrownBy(() -> owner.sql("delete from audit_chain where audit_id = " + id).update())
			.isInstanceOf(DataAccessException.class)
			.hasMessageContaining("append-only");
		assertThatThrownBy(() -> owner.sql("truncate audit_chain").update()).isInstanceOf(DataAccessException.class)
			.hasMessageContaining("append-only");
		ownerTransactions.executeWithoutResult(status -> {
			long queued = owner.sql("""
					insert into audit_log (recorded_at, username, action, resource_type, outcome)
					values (now(), 'chain-test', 'READ', 'Patient', 'SUCCESS') returning id""")
				.query(Long.class)
				.single();
			assertThatThrownBy(
					() -> owner.sql("update audit_pending set audit_id = -1 where audit_id = " + queued).update())
				.isInstanceOf(DataAccessException.class)
				.hasMessageContaining("cannot be changed");
			status.setRollbackOnly();
		});
		assertThatThrownBy(() -> owner.sql("truncate audit_pending").update()).isInstanceOf(DataAccessException.class)
			.hasMessageContaining("append-only");
	}

}
