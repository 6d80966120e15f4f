package continuum.downtime;

import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * A node whose data directory fills up while the server keeps changing: its store is on a
 * small tmpfs (mounting one needs root; without it the test is skipped and says why), and
 * a filler file takes every byte left once the initial load is in. The node says so on
 * {@code /status} with a stable code and keeps its feed position where its last commit
 * left it, with nothing of the refused batches in the store; once the filler is gone it
 * catches up by itself, every position once and without a gap, and the problem clears.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeFullDiskTests {

	static final String PASSWORD = ServerProcess.PASSWORD;

	/** A family name that only the patients registered while the disk is full have. */
	static final String FAMILY = "Schijfvol";

	static final int REGISTERED = 12;

	@TempDir
	static Path temp;

	Path disk;

	boolean mounted;

	ServerProcess server;

	NodeProcess node;

	@BeforeAll
	void mountASmallDisk() throws Exception {
		disk = temp.resolve("node-disk");
		Files.createDirectories(disk);
		Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", disk.toString())
			.redirectErrorStream(true)
			.start();
		String output = new String(mount.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		boolean done = mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0;
		assumeThat(done).as("mounting a 24 MB tmpfs for the node's data directory needs root (%s)", output.trim())
			.isTrue();
		mounted = true;
	}

	@AfterAll
	void stopAndUnmount() throws Exception {
		try {
			if (node != null) {
				node.close();
			}
			if (server != null) {
				server.close();
			}
		}
		finally {
			if (mounted) {
				new ProcessBuilder("umount", "-l", disk.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
			}
		}
	}

	Map<String, String> nodeEnvironment() throws IOException {
		Map<String, String> env = NodeProcess.environment(temp.resolve("node"), server.baseUrl(), PASSWORD);
		env.put("CONTINUUM_DOWNTIME_DATA_DIR", disk.resolve("data").toString());
		return env;
	}

	JsonNode status() throws Exception {
		return Http.json(node.baseUrl() + "/status");
	}

	long serverHead() throws Exception {
		String token = Http.token(server.baseUrl(), "interface", PASSWORD);
		HttpResponse<String> page = Http.bearer("GET", server.baseUrl() + "/api/changes?after=0&limit=1", token, null,
				null);
		return Http.JSON.readTree(page.body()).path("head").asLong();
	}

	/** Writes zeros until the file system refuses; answers the filler file. */
	static Path fill(Path dir) throws IOException {
		Path filler = dir.resolve("filler");
		byte[] block = new byte[64 * 1024];
		try (OutputStream out = Files.newOutputStream(filler)) {
			while (true) {
				out.write(block);
			}
		}
		catch (IOException full) {
			if (!String.valueOf(full.getMessage()).contains("No space left")) {
				throw full;
			}
		}
		byte[] small = new byte[512];
		try (OutputStream out = Files.newOutputStream(filler, java.nio.file.StandardOpenOption.APPEND)) {
			while (true) {
				out.write(small);
				out.flush();
			}
		}
		catch (IOException full) {
			// Every byte is taken.
		}
		return filler;
	}

	@Test
	void aFullDiskStopsSyncWithAClearStatusAndNothingHalfAppliedAndSyncResumesWhenThereIsRoomAgain() throws Exception {
		server = ServerProcess.start(temp.resolve("server"), NodeProcess.freePort());
		node = NodeProcess.start(temp.resolve("node"), nodeEnvironment());
		await().atMost(Duration.ofSeconds(120)).until(() -> status().path("loaded").asBoolean());
		java.util.regex.Matcher loaded = java.util.regex.Pattern.compile("following the feed from position (\\d+)")
			.matcher(node.log());
		assertThat(loaded.find()).isTrue();
		long loadedAtHead = Long.parseLong(loaded.group(1));
		long headBefore = serverHead();
		await().atMost(Duration.ofSeconds(60)).until(() -> status().path("feedPosition").asLong() >= headBefore);
		String known = snapshotPatient();
		Http nurse = new Http(node.baseUrl());
		assertThat(Http.signedIn(nurse.signIn("nurse", PASSWORD))).isTrue();
		assertThat(nurse.get("/patients/" + known).statusCode()).isEqualTo(200);

		await().atMost(Duration.ofSeconds(30)).until(() -> Files.isSymbolicLink(disk.resolve("data/reports")));
		Path printed = Files.readSymbolicLink(disk.resolve("data/reports"));
		java.util.Set<String> setsBefore = reportSets();
		Path filler = fill(disk);
		String token = Http.token(server.baseUrl(), "physician", PASSWORD);
		for (int i = 0; i < REGISTERED; i++) {
			assertThat(Http.bearer("POST", server.baseUrl() + "/fhir/Patient", token, "application/fhir+json",
					"{\"resourceType\":\"Patient\",\"identifier\":[{\"system\":\"urn:test:full-disk\",\"value\":\"d-"
							+ i + "\"}],\"name\":[{\"family\":\"" + FAMILY
							+ "\",\"given\":[\"Noor\"]}],\"gender\":\"female\",\"birthDate\":\"1970-01-0" + (1 + i % 9)
							+ "\"}")
				.statusCode()).isEqualTo(201);
		}
		long headDuringFull = serverHead();
		assertThat(headDuringFull).isGreaterThanOrEqualTo(headBefore + REGISTERED);

		await().atMost(Duration.ofSeconds(30))
			.until(() -> "STORE_WRITE_FAILED".equals(status().path("problem").asString("")));
		JsonNode full = status();
		long position = full.path("feedPosition").asLong();
		assertThat(position).isLessThan(headDuringFull);
		assertThat(full.path("problemMessage").asString()).contains("store")
			.doesNotContain("Exception:")
			.doesNotContain("at continuum")
			.doesNotContain(FAMILY);
		// The server is reached: it is the node's own disk that stops the sync.
		assertThat(full.path("serverReachable").asBoolean()).isTrue();
		assertThat(full.path("lostServerSince").isNull()).isTrue();
		// The position stays where the last commit left it while the disk is full.
		await().during(Duration.ofSeconds(3))
			.atMost(Duration.ofSeconds(6))
			.until(() -> status().path("feedPosition").asLong() == position
					&& "STORE_WRITE_FAILED".equals(status().path("problem").asString("")));
		// Pages say why they show nothing: a read that cannot be audited is not answered.
		HttpResponse<String> refused = nurse.get("/patients/" + known);
		assertThat(refused.statusCode()).isEqualTo(503);
		assertThat(refused.body()).contains("Store unavailable")
			.contains("As of ")
			.doesNotContain("Lost the server")
			.doesNotContain("MRN")
			.doesNotContain("Exception");
		// The printable set written before stays, and no unfinished one is left beside
		// it.
		await().atMost(Duration.ofSeconds(20))
			.until(() -> reportSets().equals(setsBefore) && Files.isSymbolicLink(disk.resolve("data/reports")));
		assertThat(Files.readSymbolicLink(disk.resolve("data/reports"))).isEqualTo(printed);

		Files.delete(filler);
		await().atMost(Duration.ofSeconds(60)).until(() -> status().path("feedPosition").asLong() >= headDuringFull);
		await().atMost(Duration.ofSeconds(30)).until(() -> status().path("problem").isNull());
		assertThat(status().path("serverReachable").asBoolean()).isTrue();
		Http again = new Http(node.baseUrl());
		assertThat(Http.signedIn(again.signIn("nurse", PASSWORD))).isTrue();
		String found = again.get("/patients?q=" + FAMILY.toLowerCase() + "+noor").body();
		assertThat(found.split(FAMILY.toUpperCase() + ", Noor", -1)).hasSize(REGISTERED + 1);

		// In the store: every position from the load on once, no gap, the registered
		// patients once each.
		long head = serverHead();
		await().atMost(Duration.ofSeconds(30)).until(() -> status().path("feedPosition").asLong() >= head);
		node.close();
		String key = Files.readString(temp.resolve("node/keys/store.key")).trim();
		try (Connection store = DriverManager.getConnection(
				"jdbc:h2:file:" + disk.resolve("data/store") + ";CIPHER=AES;IFEXISTS=TRUE", "node", key + " node")) {
			try (ResultSet rs = store.createStatement()
				.executeQuery("select count(*), min(seq), max(seq), count(distinct seq) from applied_change")) {
				rs.next();
				assertThat(rs.getLong(2)).isEqualTo(loadedAtHead + 1);
				assertThat(rs.getLong(3)).isEqualTo(head);
				assertThat(rs.getLong(1)).isEqualTo(head - loadedAtHead).isEqualTo(rs.getLong(4));
			}
			try (ResultSet rs = store.createStatement()
				.executeQuery("select count(*), count(distinct id) from patient where upper(family_name) = '"
						+ FAMILY.toUpperCase() + "'")) {
				rs.next();
				assertThat(rs.getLong(1)).isEqualTo(REGISTERED).isEqualTo(rs.getLong(2));
			}
		}
	}

	java.util.Set<String> reportSets() throws IOException {
		try (var files = Files.list(disk.resolve("data"))) {
			return files.map(f -> f.getFileName().toString())
				.filter(name -> name.startsWith("reports-"))
				.collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
		}
	}

	String snapshotPatient() throws Exception {
		String token = Http.token(server.baseUrl(), "interface", PASSWORD);
		HttpResponse<String> page = Http.bearer("GET", server.baseUrl() + "/api/downtime/snapshot?type=Patient&limit=1",
				token, null, null);
		return Http.JSON.readTree(page.body()).path("records").get(0).path("id").asString();
	}

}
