package continuum.downtime.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import continuum.downtime.sync.SyncException;
import continuum.downtime.sync.SyncProblem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The node keeps a checkpoint only when it extends the one it holds: one from a server
 * whose chain went back, or holds another hash at a position already checkpointed, or no
 * longer holds the kept link, is not kept; the alarm is raised once per finding, with an
 * audit entry, and the kept checkpoint stays as the evidence. The server's answers for a
 * position are given by the test (the node process test asks the real server).
 */
class CheckpointKeeperTests {

	JdbcClient db;

	CheckpointKeeper keeper;

	/** What the server answers for {@code ?position=N}: its hash there, or none (404). */
	final Map<Long, String> serverHashes = new HashMap<>();

	@BeforeEach
	void store() {
		DriverManagerDataSource store = new DriverManagerDataSource(
				"jdbc:h2:mem:checkpoints-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
		new ResourceDatabasePopulator(new ClassPathResource("store-schema.sql")).execute(store);
		db = JdbcClient.create(store);
		Clock clock = Clock.fixed(Instant.parse("2026-12-06T03:00:00Z"), ZoneOffset.UTC);
		NodeAudit audit = new NodeAudit(db, new TransactionTemplate(new DataSourceTransactionManager(store)), clock);
		keeper = new CheckpointKeeper(db, this::server, audit, clock);
	}

	private JsonNode server(String pathAndQuery) {
		long position = Long.parseLong(pathAndQuery.substring(pathAndQuery.indexOf("position=") + 9));
		String hash = serverHashes.get(position);
		if (hash == null) {
			throw new SyncException(SyncProblem.NOT_A_CONTINUUM_SERVER, "404");
		}
		return checkpoint(position, hash);
	}

	private static JsonNode checkpoint(long position, String hash) {
		return JsonMapper.shared()
			.readTree("{\"position\": " + position + ", \"hash\": \"" + hash
					+ "\", \"at\": \"2026-12-06T03:00:00Z\", \"keyedFrom\": 1, \"keyId\": \"0123456789abcdef\","
					+ " \"signature\": \"" + "cd".repeat(32) + "\"}");
	}

	private static String hash(long position) {
		return String.format("%064x", position);
	}

	/** A checkpoint of an honest chain: the server holds every hash before it. */
	private boolean keep(long position) {
		for (long p = 1; p <= position; p++) {
			serverHashes.put(p, hash(p));
		}
		return keeper.keep(checkpoint(position, hash(position)));
	}

	private long alarmEntries() {
		return db
			.sql("select count(*) from audit_entry where resource_type = 'AuditCheckpoint' and outcome = 'FAILURE'")
			.query(Long.class)
			.single();
	}

	@Test
	void keepsACheckpointThatExtendsTheOneHeld() {
		assertThat(keeper.newest()).isEmpty();
		assertThat(keep(10)).isTrue();
		assertThat(keep(12)).isTrue();
		assertThat(keep(12)).isFalse();
		assertThat(keeper.newest()).hasValueSatisfying(json -> assertThat(json).contains("\"position\":12"));
		assertThat(keeper.alarm()).isEmpty();
		assertThat(alarmEntries()).isZero();
	}

	@Test
	void aChainThatWentBackRaisesTheAlarmOnceAndKeepsTheFurtherCheckpoint() {
		keep(12);
		assertThat(keep(11)).isFalse();
		assertThat(keep(11)).isFalse();
		assertThat(keeper.alarm()).hasValueSatisfying(
				alarm -> assertThat(alarm).contains("ends at position 11").contains("before position 12"));
		assertThat(alarmEntries()).as("audited once").isEqualTo(1);
		assertThat(keeper.newest()).hasValueSatisfying(json -> assertThat(json).contains("\"position\":12"));
	}

	@Test
	void anotherHashAtTheKeptPositionRaisesTheAlarm() {
		keep(12);
		assertThat(keeper.keep(checkpoint(12, "ab".repeat(32)))).isFalse();
		assertThat(keeper.alarm())
			.hasValueSatisfying(alarm -> assertThat(alarm).contains("another hash at position 12"));
		assertThat(alarmEntries()).isEqualTo(1);
	}

	@Test
	void aLongerChainThatNoLongerHoldsTheKeptLinkIsNotKept() {
		keep(12);
		serverHashes.put(12L, "ab".repeat(32));
		assertThat(keeper.keep(checkpoint(20, hash(20)))).as("rewritten below the new head").isFalse();
		assertThat(keeper.alarm())
			.hasValueSatisfying(alarm -> assertThat(alarm).contains("another hash at position 12"));
		serverHashes.remove(12L);
		assertThat(keeper.keep(checkpoint(21, hash(21)))).as("the kept link gone").isFalse();
		assertThat(keeper.alarm()).hasValueSatisfying(alarm -> assertThat(alarm).contains("no link at position 12"));
		assertThat(alarmEntries()).isEqualTo(2);
		assertThat(keeper.newest()).hasValueSatisfying(json -> assertThat(json).contains("\"position\":12"));
	}

	@Test
	void keepsTheNewestHundred() {
		for (int position = 1; position <= CheckpointKeeper.KEPT + 5; position++) {
			keep(position);
		}
		assertThat(db.sql("select count(*) from audit_checkpoint").query(Long.class).single())
			.isEqualTo(CheckpointKeeper.KEPT);
		assertThat(db.sql("select min(position) from audit_checkpoint").query(Long.class).single()).isEqualTo(6);
	}

	@Test
	void ignoresAnAnswerWithoutACheckpoint() {
		assertThat(keeper.keep(JsonMapper.shared().readTree("{}"))).isFalse();
		assertThat(keeper.newest()).isEmpty();
	}

}
