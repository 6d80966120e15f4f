package continuum.audit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import javax.sql.DataSource;

import continuum.ContinuumIntegrationTest;
import continuum.EmbeddedDatabaseRoles;
import continuum.platform.PlatformSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The keyed chain and its signed checkpoints: links from the switch position on are
 * HMAC-SHA256 with the audit key, links before it verify as plain SHA-256 as they always
 * did, and a checkpoint kept off the machine shows the newest rows deleted even where the
 * local anchor cannot. Each tampering happens as the database owner in a transaction that
 * is rolled back.
 */
@ContinuumIntegrationTest
class AuditKeyedChainIntegrationTests {

	@Autowired
	AuditService audit;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	AuditAnchor anchor;

	@Autowired
	AuditKey key;

	@Autowired
	AuditCheckpoints checkpoints;

	@Autowired
	PlatformSettings settings;

	@LocalServerPort
	int port;

	@TempDir
	Path elsewhere;

	JdbcClient owner;

	TransactionTemplate ownerTransactions;

	@BeforeEach
	void connectAsOwner() {
		DataSource ownerDataSource = EmbeddedDatabaseRoles.owner(settings);
		this.owner = JdbcClient.create(ownerDataSource);
		this.ownerTransactions = new TransactionTemplate(new DataSourceTransactionManager(ownerDataSource));
	}

	@AfterEach
	void logIsIntactAfterEachTest() {
		assertThat(audit.verify().intact()).isTrue();
	}

	private void recordSome(int count) {
		for (int i = 0; i < count; i++) {
			String id = Integer.toString(2000 + i);
			transactions
				.executeWithoutResult(s -> audit.record(AuditEntry.success(AuditAction.READ, "Patient", id, id)));
		}
		audit.verify();
	}

	/**
	 * Tampers as the owner (triggers off, the chainer held out), verifies with
	 * {@code verifier} inside the same transaction, and rolls everything back.
	 */
	private AuditVerification tamper(Function<AuditVerifier, AuditVerification> verification, String... statements) {
		AuditVerification[] result = new AuditVerification[1];
		ownerTransactions.executeWithoutResult(status -> {
			owner.sql("select pg_advisory_xact_lock(:key)")
				.param("key", AuditChainRepository.LOCK_KEY)
				.query()
				.singleValue();
			owner.sql("alter table audit_log disable trigger user").update();
			owner.sql("alter table audit_chain disable trigger user").update();
			owner.sql("alter table audit_chain_key disable trigger user").update();
			for (String statement : statements) {
				owner.sql(statement).update();
			}
			result[0] = verification.apply(verifier(this.anchor, this.key));
			status.setRollbackOnly();
		});
		return result[0];
	}

	private AuditVerifier verifier(AuditAnchor anchor, AuditKey key) {
		return new AuditVerifier(new AuditChainRepository(owner), anchor,
				new ShippedChainVerifier(new NodeEntryRepository(owner)), key);
	}

	/**
	 * An anchor in a data directory of its own, with no link written: as if the node's
	 * were lost.
	 */
	private AuditAnchor noAnchor() {
		return new AuditAnchor(new PlatformSettings(new PlatformSettings.Data(elsewhere.toString()),
				new PlatformSettings.Db(null, null, null, 20, null), null));
	}

	@Test
	void theKeyFileIsTheOwnersOnlyAndTheSwitchIsRecorded() throws Exception {
		recordSome(1);
		assertThat(Files.getPosixFilePermissions(key.file()))
			.containsExactlyInAnyOrderElementsOf(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
		assertThat(Files.readString(key.file()).strip()).matches("[0-9a-f]{64}");
		assertThat(jdbc.sql("select key_id from audit_chain_key").query(String.class).single()).isEqualTo(key.id());
	}

	/**
	 * A chain written before the key existed: its links are plain SHA-256 up to the
	 * switch position and verify as before; the very same links claimed keyed do not.
	 */
	@Test
	void linksBeforeTheSwitchVerifyAsPlainSha256() {
		recordSome(2);
		AuditVerification[] asMigrated = new AuditVerification[2];
		ownerTransactions.executeWithoutResult(status -> {
			owner.sql("select pg_advisory_xact_lock(:key)")
				.param("key", AuditChainRepository.LOCK_KEY)
				.query()
				.singleValue();
			owner.sql("alter table audit_chain disable trigger user").update();
			owner.sql("alter table audit_chain_key disable trigger user").update();
			AuditChainRepository chain = new AuditChainRepository(owner);
			List<Long> seqs = new ArrayList<>();
			List<Long> ids = new ArrayList<>();
			List<byte[]> previous = new ArrayList<>();
			List<byte[]> hashes = new ArrayList<>();
			byte[][] last = { AuditHash.GENESIS };
			chain.walk(link -> {
				byte[] hash = AuditHash.of(last[0], link.position(), link.row());
				seqs.add(link.position());
				ids.add(link.auditId());
				previous.add(last[0]);
				hashes.add(hash);
				last[0] = hash;
			});
			owner.sql("delete from audit_chain").update();
			chain.append(seqs.toArray(Long[]::new), ids.toArray(Long[]::new), previous.toArray(byte[][]::new),
					hashes.toArray(byte[][]::new));
			long head = seqs.get(seqs.size() - 1);
			owner.sql("delete from audit_chain_key").update();
			chain.recordKeying(new AuditChainRepository.Keying(head + 1, key.id()));
			asMigrated[0] = verifier(noAnchor(), key).verify();
			owner.sql("delete from audit_chain_key").update();
			chain.recordKeying(new AuditChainRepository.Keying(1, key.id()));
			asMigrated[1] = verifier(noAnchor(), key).verify();
			status.setRollbackOnly();
		});
		assertThat(asMigrated[0].problems()).isEmpty();
		assertThat(asMigrated[0].intact()).isTrue();
		assertThat(asMigrated[1].intact()).isFalse();
		assertThat(asMigrated[1].problems()).anySatisfy(p -> assertThat(p).contains("at position 1 was changed"));
	}

	@Test
	void reportsTheSwitchPositionRemoved() {
		recordSome(1);
		AuditVerification result = tamper(AuditVerifier::verify, "delete from audit_chain_key");
		assertThat(result.intact()).isFalse();
		assertThat(result.problems())
			.anySatisfy(p -> assertThat(p).contains("switch to the keyed hash is not recorded"));
	}

	@Test
	void aNodeWithAnotherKeySaysSoRatherThanCallingEveryRowChanged() {
		recordSome(1);
		AuditKey other = new AuditKey(elsewhere.resolve("other-key"), new byte[32]);
		AuditVerification[] result = new AuditVerification[1];
		ownerTransactions.executeWithoutResult(status -> {
			result[0] = verifier(anchor, other).verify();
			status.setRollbackOnly();
		});
		assertThat(result[0].intact()).isFalse();
		assertThat(result[0].problems()).singleElement()
			.asString()
			.contains("audit key id " + key.id())
			.contains("has id " + other.id());
	}

	/**
	 * The newest rows deleted with their links, and the node's own anchor gone too: the
	 * checkpoint a downtime node or the syslog repository kept still shows it.
	 */
	@Test
	void aCheckpointKeptOffTheMachineShowsTheNewestRowsDeleted() {
		recordSome(3);
		AuditCheckpoint kept = audit.checkpoint().orElseThrow();
		long head = kept.position();
		AuditVerification withoutIt = tamper(
				v -> new AuditVerifier(new AuditChainRepository(owner), noAnchor(),
						new ShippedChainVerifier(new NodeEntryRepository(owner)), key)
					.verify(),
				"delete from audit_log where id in (select audit_id from audit_chain where seq > " + (head - 2) + ")",
				"delete from audit_chain where seq > " + (head - 2));
		assertThat(withoutIt.intact()).as("what is left is consistent").isTrue();
		AuditVerification withIt = tamper(
				v -> new AuditVerifier(new AuditChainRepository(owner), noAnchor(),
						new ShippedChainVerifier(new NodeEntryRepository(owner)), key)
					.verify(List.of(kept)),
				"delete from audit_log where id in (select audit_id from audit_chain where seq > " + (head - 2) + ")",
				"delete from audit_chain where seq > " + (head - 2));
		assertThat(withIt.intact()).isFalse();
		assertThat(withIt.checkpointPosition()).isEqualTo(head);
		assertThat(withIt.problems()).singleElement()
			.asString()
			.contains("the chain ends at position " + (head - 2) + ", before position " + head
					+ " named by the signed checkpoint of " + kept.at());
	}

	@Test
	void aCheckpointWithoutTheKeysSignatureIsReportedAndNotUsed() {
		recordSome(1);
		AuditCheckpoint kept = audit.checkpoint().orElseThrow();
		AuditCheckpoint moved = new AuditCheckpoint(kept.position() + 100, kept.hash(), kept.at(), kept.keyedFrom(),
				kept.keyId(), kept.signature());
		AuditVerification result = audit.verify(List.of(moved));
		assertThat(result.intact()).isFalse();
		assertThat(result.checkpointPosition()).isNull();
		assertThat(result.problems()).singleElement().asString().contains("does not carry the audit key's signature");
	}

	/**
	 * Over HTTP, with the checkpoint as a node keeps it; the call and what it found are
	 * audited, and so is a refusal.
	 */
	@Test
	void verificationOverTheApiTakesCheckpointsAndIsAudited() throws Exception {
		recordSome(1);
		AuditCheckpoint kept = audit.checkpoint().orElseThrow();
		ObjectMapper json = new ObjectMapper();
		HttpResponse<String> answer = post("/api/audit/verify", token("auditor"),
				"{\"checkpoints\": [" + json.writeValueAsString(kept) + "]}");
		assertThat(answer.statusCode()).isEqualTo(200);
		JsonNode body = json.readTree(answer.body());
		assertThat(body.get("intact").asBoolean()).isTrue();
		assertThat(body.get("checkpointPosition").asLong()).isEqualTo(kept.position());
		assertThat(post("/api/audit/verify", token("nurse"), "").statusCode()).isEqualTo(403);
		assertThat(jdbc
			.sql("""
					select count(*) from audit_log where username = 'auditor' and resource_type = 'AuditEvent'
					  and outcome = 'SUCCESS' and detail like 'chain verification: intact, % rows, anchor %, checkpoint %'""")
			.query(Long.class)
			.single()).isPositive();
		assertThat(jdbc.sql("""
				select count(*) from audit_log where username = 'nurse' and resource_type = 'AuditEvent'
				  and outcome = 'DENIED' and detail like 'chain verification%'""").query(Long.class).single())
			.isPositive();
	}

	private String token(String username) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/token"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers
					.ofString("username=" + username + "&password=" + ContinuumIntegrationTest.DEMO_PASSWORD))
				.build(), HttpResponse.BodyHandlers.ofString());
		return new ObjectMapper().readTree(response.body()).get("access_token").asString();
	}

	private HttpResponse<String> post(String path, String token, String body) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				.header("Authorization", "Bearer " + token)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

}
