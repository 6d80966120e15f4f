package continuum.platform;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import continuum.ContinuumIntegrationTest;
import continuum.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cluster of {@code ./continuum cluster up} for real: etcd, three PostgreSQL 15
 * members under Patroni (synchronous, strict), two Continuum nodes on the multi-host URL;
 * writes through both nodes, a Patroni switchover after which writes resume, a killed
 * Patroni that its supervisor restarts under the same PostgreSQL, and a pgBackRest backup
 * of the cluster that verifies (and a tampered checkpoint that does not), and a
 * point-in-time restore between two writes. Runs with the cluster tag
 * ({@code ./continuum test}'s second part).
 */
@Tag("cluster")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static TestCluster cluster;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@BeforeAll
	static void up() {
		cluster = TestCluster.create("cluster-tests", 2);
		cluster.up();
	}

	@AfterAll
	static void down() {
		if (cluster != null) {
			cluster.close();
		}
	}

	@Test
	@Order(1)
	void comesUpWithALeaderASynchronousStandbyAReplicaAndTwoReadyNodes() {
		JsonNode status = cluster.status();
		List<String> roles = new ArrayList<>();
		for (JsonNode member : status.get("members")) {
			roles.add(member.get("role").asString());
			assertThat(member.get("state").asString()).isEqualTo("running");
			assertThat(member.get("postgres_pid").isNumber()).isTrue();
			assertThat(member.get("patroni_pid").isNumber()).isTrue();
			assertThat(member.get("supervisor_pid").isNumber()).isTrue();
		}
		assertThat(roles).containsExactlyInAnyOrder("leader", "sync_standby", "replica");
		assertThat(status.get("nodes")).hasSize(2);
		for (JsonNode node : status.get("nodes")) {
			assertThat(node.get("ready").asBoolean()).isTrue();
		}
		assertThat(status.get("jdbc_url").asString()).contains("targetServerType=primary");
	}

	@Test
	@Order(2)
	void aWriteThroughOneNodeIsReadThroughTheOther() throws Exception {
		String id = createPatient(0);
		assertThat(read(1, "Patient/" + id).statusCode()).isEqualTo(200);
	}

	@Test
	@Order(3)
	void writesResumeAfterASwitchoverToTheSynchronousStandby() throws Exception {
		String before = createPatient(0);
		String leader = memberWithRole("leader");
		String candidate = memberWithRole("sync_standby");
		Path config = cluster.directory().resolve(leader).resolve("patroni.yml");
		long started = System.nanoTime();
		Process switchover = new ProcessBuilder("patronictl", "-c", config.toString(), "switchover", "--leader", leader,
				"--candidate", candidate, "--force")
			.redirectErrorStream(true)
			.start();
		String output = new String(switchover.getInputStream().readAllBytes());
		assertThat(switchover.waitFor()).as(output).isZero();
		String after = null;
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while (after == null && System.nanoTime() < deadline) {
			try {
				after = createPatient(0);
			}
			catch (AssertionError | Exception notYet) {
				Thread.sleep(250);
			}
		}
		assertThat(after).as("a write through node1 after the switchover").isNotNull();
		System.out.printf("switchover %s -> %s: first write after %.1f s%n", leader, candidate,
				(System.nanoTime() - started) / 1e9);
		assertThat(memberWithRole("leader")).isEqualTo(candidate);
		// Both nodes write again, and what was acknowledged before the switchover is
		// there.
		createPatientWithRetry(1);
		assertThat(read(1, "Patient/" + before).statusCode()).isEqualTo(200);
		assertThat(read(0, "Patient/" + after).statusCode()).isEqualTo(200);
	}

	@Test
	@Order(4)
	void aKilledPatroniIsRestartedByItsSupervisorAndTheClusterKeepsWriting() throws Exception {
		String leader = memberWithRole("leader");
		JsonNode before = member(leader);
		long patroni = before.get("patroni_pid").asLong();
		long postgres = before.get("postgres_pid").asLong();
		ProcessHandle.of(patroni).orElseThrow().destroyForcibly();
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		JsonNode after = member(leader);
		while ((after.get("patroni_pid").isNull() || after.get("patroni_pid").asLong() == patroni
				|| !"running".equals(after.get("state").asString())) && System.nanoTime() < deadline) {
			Thread.sleep(250);
			after = member(leader);
		}
		assertThat(after.get("patroni_pid").asLong()).as("a new Patroni").isNotEqualTo(patroni).isPositive();
		// Restarted well within the leader key's ttl: the same PostgreSQL goes on as the
		// primary.
		assertThat(after.get("postgres_pid").asLong()).isEqualTo(postgres);
		assertThat(memberWithRole("leader")).isEqualTo(leader);
		createPatientWithRetry(0);
		createPatientWithRetry(1);
	}

	@Test
	@Order(5)
	void aBackupFromAStandbyIsEncryptedAndVerifiesByRestoringIt() throws Exception {
		TestCluster.Result backup = cluster.run(900, "backup", "--type", "full");
		System.out.println(backup.output());
		assertThat(backup.exitCode()).as(backup.output()).isZero();
		assertThat(backup.output()).contains("verified").contains("bt_index_check on");
		JsonNode list = JSON.readTree(cluster.require(120, "backup", "list", "--json"));
		assertThat(list.get("cipher").asString()).isEqualTo("aes-256-cbc");
		JsonNode latest = list.get("backups").get(list.get("backups").size() - 1);
		assertThat(latest.get("type").asString()).isEqualTo("full");
		assertThat(latest.get("verified").get("ok").asBoolean()).isTrue();
		assertThat(latest.get("verified").get("indexes_checked").asInt()).isGreaterThan(100);
		// The repository holds no plain text of the database: pgBackRest's files are
		// encrypted.
		Path manifest = cluster.directory()
			.resolve("backups/backup/continuum/" + latest.get("label").asString() + "/backup.manifest");
		assertThat(Files.readString(manifest, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("[backup]");
	}

	@Test
	@Order(6)
	void verifyFailsWhenTheRestoredCopyDoesNotMatchItsCheckpoint() throws Exception {
		JsonNode list = JSON.readTree(cluster.require(120, "backup", "list", "--json"));
		String label = list.get("backups").get(list.get("backups").size() - 1).get("label").asString();
		Path checkpoint = cluster.directory().resolve("backup-checkpoints").resolve(label + ".json");
		String original = Files.readString(checkpoint);
		JsonNode record = JSON.readTree(original);
		String table = record.get("row_counts").propertyNames().iterator().next();
		long count = record.get("row_counts").get(table).asLong();
		Files.writeString(checkpoint,
				original.replace("\"" + table + "\": " + count + ",", "\"" + table + "\": " + (count + 1) + ","));
		try {
			TestCluster.Result verify = cluster.run(900, "backup", "verify");
			assertThat(verify.exitCode()).as(verify.output()).isEqualTo(1);
			assertThat(verify.output()).contains("FAILED").contains(table);
		}
		finally {
			Files.writeString(checkpoint, original);
		}
	}

	@Test
	@Order(7)
	void aPointInTimeRestoreHoldsExactlyTheWritesBeforeThatTime() throws Exception {
		String before = createPatient(0);
		Thread.sleep(1500);
		// PostgreSQL's own form, which pgBackRest also reads to choose the backup to
		// start from.
		String at = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS'+00'")
			.format(OffsetDateTime.now(ZoneOffset.UTC));
		Thread.sleep(1500);
		String after = createPatient(0);
		// An incremental backup archives the WAL up to its checkpoint, past both writes.
		cluster.require(900, "backup", "--type", "incr", "--no-verify");
		Path restored = cluster.directory().resolve("restored");
		TestCluster.Result restore = cluster.run(900, "restore", "--to", restored.toString(), "--at", at);
		assertThat(restore.exitCode()).as(restore.output()).isZero();
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		Path pgCtl = Path.of("/usr/lib/postgresql/15/bin/pg_ctl");
		postgres(pgCtl.toString(), "-D", restored.toString(), "-l", restored.resolve("restored.log").toString(), "-w",
				"-t", "300", "-o", "-p " + port + " -c listen_addresses=127.0.0.1", "start");
		try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/continuum",
				"postgres", Files.readString(cluster.directory().resolve("secrets/postgres-password")).trim());
				Statement statement = connection.createStatement()) {
			// pg_ctl returns once the copy takes connections, which a hot standby does
			// before it has replayed up
			// to the target and been promoted.
			long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
			while (count(statement, "select count(*) where pg_is_in_recovery()") == 1 && System.nanoTime() < deadline) {
				Thread.sleep(250);
			}
			assertThat(count(statement, "select count(*) where pg_is_in_recovery()")).as("promoted").isZero();
			assertThat(count(statement, "select count(*) from patient where id = " + Long.parseLong(before)))
				.isEqualTo(1);
			assertThat(count(statement, "select count(*) from patient where id = " + Long.parseLong(after))).isZero();
		}
		finally {
			postgres(pgCtl.toString(), "-D", restored.toString(), "-m", "fast", "-w", "stop");
		}
	}

	private static long count(Statement statement, String sql) throws Exception {
		try (ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getLong(1);
		}
	}

	private static void postgres(String... command) throws Exception {
		List<String> line = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
		line.addAll(List.of(command));
		Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor()).as(output).isZero();
	}

	private JsonNode member(String name) {
		for (JsonNode member : cluster.status().get("members")) {
			if (name.equals(member.get("name").asString())) {
				return member;
			}
		}
		throw new AssertionError("no member " + name);
	}

	private String memberWithRole(String role) {
		for (JsonNode member : cluster.status().get("members")) {
			if (role.equals(member.get("role").asString())) {
				return member.get("name").asString();
			}
		}
		throw new AssertionError("no member is " + role + ": " + cluster.status());
	}

	private String baseUrl(int node) {
		return cluster.status().get("nodes").get(node).get("url").asString();
	}

	private String token(int node) throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl(node) + "/api/token"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers
				.ofString("username=physician&password=" + ContinuumIntegrationTest.DEMO_PASSWORD))
			.timeout(Duration.ofSeconds(30))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body()).get("access_token").asString();
	}

	private String createPatient(int node) throws Exception {
		String body = """
				{"resourceType":"Patient","name":[{"family":"Clustertest","given":["Writes"]}],
				 "gender":"female","birthDate":"1980-02-03"}""";
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl(node) + "/fhir/Patient"))
			.header("Authorization", "Bearer " + token(node))
			.header("Content-Type", "application/fhir+json")
			.header("Accept", "application/fhir+json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.timeout(Duration.ofSeconds(30))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return JSON.readTree(response.body()).get("id").asString();
	}

	private void createPatientWithRetry(int node) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (true) {
			try {
				createPatient(node);
				return;
			}
			catch (AssertionError | Exception notYet) {
				if (System.nanoTime() > deadline) {
					throw notYet;
				}
				Thread.sleep(250);
			}
		}
	}

	private HttpResponse<String> read(int node, String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(baseUrl(node) + "/fhir/" + path))
			.header("Authorization", "Bearer " + token(node))
			.header("Accept", "application/fhir+json")
			.timeout(Duration.ofSeconds(30))
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
