package continuum.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import continuum.web.WebSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole-process behaviour: a restart reuses the data without seeding again, Ctrl-C stops
 * cleanly, and a SIGKILL of the server and its database right after acknowledged writes
 * loses none of them.
 */
class ServerLifecycleTests {

	@TempDir
	Path temp;

	private static String token(ServerProcess server, String username) throws Exception {
		var response = server.post("/api/token", "application/x-www-form-urlencoded",
				"username=" + username + "&password=test-password-1", null);
		assertThat(response.statusCode()).isEqualTo(200);
		String body = response.body();
		int start = body.indexOf("\"access_token\":\"") + 16;
		return body.substring(start, body.indexOf('"', start));
	}

	@Test
	void everyAcknowledgedWriteSurvivesSigkillOfServerAndDatabase() throws Exception {
		Path data = temp.resolve("data");
		Set<String> acknowledged = java.util.concurrent.ConcurrentHashMap.newKeySet();
		try (ServerProcess server = ServerProcess.start(data, Map.of())) {
			long postgres = ServerProcess.postmasterPid(data);
			String token = token(server, "physician");
			AtomicInteger n = new AtomicInteger();
			java.util.concurrent.atomic.AtomicBoolean killed = new java.util.concurrent.atomic.AtomicBoolean();
			java.util.concurrent.ExecutorService writers = java.util.concurrent.Executors.newFixedThreadPool(4);
			for (int w = 0; w < 4; w++) {
				writers.submit(() -> {
					while (!killed.get()) {
						String value = "crash-" + n.incrementAndGet();
						try {
							var response = server.post("/fhir/Patient", "application/fhir+json",
									"{\"resourceType\":\"Patient\",\"identifier\":[{\"system\":\"urn:test:crash\","
											+ "\"value\":\"" + value + "\"}],\"name\":[{\"family\":\"Crash\"}],"
											+ "\"gender\":\"unknown\"}",
									token);
							if (response.statusCode() == 201) {
								acknowledged.add(value);
							}
						}
						catch (Exception connectionLost) {
							return null;
						}
					}
					return null;
				});
			}
			// Kill both processes while the writers are busy, right after at least 60
			// acknowledged creates.
			org.awaitility.Awaitility.await()
				.atMost(java.time.Duration.ofSeconds(60))
				.until(() -> acknowledged.size() >= 60);
			server.killHard(postgres);
			killed.set(true);
			writers.shutdown();
			writers.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
		}
		try (ServerProcess restarted = ServerProcess.start(data, Map.of());
				Connection db = ServerProcess.connect(data)) {
			assertThat(restarted.log()).doesNotContain("Demo data 'staff' seeded");
			Set<String> stored = new HashSet<>();
			ResultSet rs = db.createStatement()
				.executeQuery("select value from patient_identifier where system = 'urn:test:crash'");
			while (rs.next()) {
				stored.add(rs.getString(1));
			}
			assertThat(stored).containsAll(acknowledged);
			// The audit chain, and the anchor written outside the database before the
			// kill, still agree: the anchor never names a link the database lost.
			var verification = restarted.post("/api/audit/verify", "application/json", "", token(restarted, "auditor"));
			assertThat(verification.statusCode()).isEqualTo(200);
			assertThat(verification.body()).contains("\"intact\":true").containsPattern("\"anchoredPosition\":\\d+");
		}
		String postgresLog = Files.readString(data.resolve("logs/postgres.log"));
		assertThat(postgresLog).contains("database system was interrupted").contains("redo done");
	}

	/**
	 * Also: the demo hospital, whose accounts share one password, listens on loopback
	 * only when no address is given (HTTP, MLLP and DICOM alike), and a later start
	 * without the demo over its data is refused before it listens at all.
	 */
	@Test
	void restartReusesDataAndCtrlCShutsDownCleanly() throws Exception {
		Path data = temp.resolve("data");
		Map<String, String> noAddresses = new java.util.HashMap<>();
		noAddresses.put("CONTINUUM_HTTP_ADDRESS", null);
		noAddresses.put("CONTINUUM_MLLP_ADDRESS", null);
		noAddresses.put("CONTINUUM_DICOM_ADDRESS", null);
		try (ServerProcess first = ServerProcess.start(data, noAddresses)) {
			assertThat(first.log()).contains("Demo data 'staff' seeded", "Listening on 127.0.0.1 only");
			java.util.regex.Matcher mllp = java.util.regex.Pattern.compile("MLLP port (\\d+)").matcher(first.log());
			java.util.regex.Matcher dicom = java.util.regex.Pattern.compile("AE \\S+ on port (\\d+)")
				.matcher(first.log());
			assertThat(mllp.find()).isTrue();
			assertThat(dicom.find()).isTrue();
			for (int port : new int[] { first.port(), Integer.parseInt(mllp.group(1)),
					Integer.parseInt(dicom.group(1)) }) {
				assertThat(ListeningSockets.addresses(port)).as("port %d", port).containsExactly("127.0.0.1");
			}
			assertThat(first.stop()).isIn(0, 143);
		}
		String afterFirst = Files.readString(data.resolve("logs/postgres.log"));
		assertThat(afterFirst).contains("database system is shut down");
		try (ServerProcess second = ServerProcess.start(data, Map.of())) {
			assertThat(second.log()).doesNotContain("Demo data 'staff' seeded");
			token(second, "physician");
			assertThat(second.stop()).isIn(0, 143);
		}
		assertThat(org.assertj.core.api.Assertions
			.catchThrowable(() -> ServerProcess.start(data, Map.of("CONTINUUM_DEMO", "false"))))
			.as("a production start over the demo hospital's accounts")
			.hasMessageContaining("enabled demo accounts, which share one password");
		String log = Files.readString(data.resolve("logs/postgres.log"));
		assertThat(log).doesNotContain("database system was interrupted");
	}

	@Test
	void runsAgainstASeparatelyStartedExternalPostgresql() throws Exception {
		Path external = temp.resolve("external-db");
		try (var postgres = new continuum.platform.database.EmbeddedPostgres(external,
				Path.of(System.getProperty("java.io.tmpdir"), "continuum-test-pgsql"),
				java.time.Duration.ofSeconds(60))) {
			postgres.start(false);
			Path data = temp.resolve("app-data");
			Map<String, String> env = Map.of("CONTINUUM_DB_URL", postgres.jdbcUrl(), "CONTINUUM_DB_USER",
					postgres.ownerUsername(), "CONTINUUM_DB_PASSWORD", postgres.ownerPassword());
			try (ServerProcess server = ServerProcess.start(data, env)) {
				assertThat(server.log()).contains("Using external PostgreSQL");
				token(server, "auditor");
				assertThat(data.resolve("postgres")).doesNotExist();
			}
			try (Connection db = DriverManager.getConnection(postgres.jdbcUrl(), postgres.ownerUsername(),
					postgres.ownerPassword())) {
				ResultSet rs = db.createStatement()
					.executeQuery("select count(*) from audit_log where username = 'auditor' and action = 'TOKEN'");
				rs.next();
				assertThat(rs.getLong(1)).isEqualTo(1);
			}
		}
	}

	@Test
	void emptySystemStartsWithOneAdministratorWhosePasswordIsKeptInSecrets() throws Exception {
		Path data = temp.resolve("empty");
		try (ServerProcess server = ServerProcess.start(data, Map.of("CONTINUUM_DEMO", "false"))) {
			assertThat(server.log()).contains("Created the first administrator account 'admin'")
				.doesNotContain("Demo data");
			// The operator's environment still names a demo password (ServerProcess sets
			// CONTINUUM_DEMO_PASSWORD): it reaches neither the output nor any file.
			assertThat(server.log()).doesNotContain("test-password-1").doesNotContain("Demo password");
			assertThat(data.resolve("secrets/demo-password")).doesNotExist();
			assertThat(filesContaining(data, "test-password-1")).isEmpty();
			String password = Files.readString(data.resolve("secrets/admin-password"));
			assertThat(Files.getPosixFilePermissions(data.resolve("secrets/admin-password"))).containsExactlyInAnyOrder(
					java.nio.file.attribute.PosixFilePermission.OWNER_READ,
					java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
			var response = server.post("/api/token", "application/x-www-form-urlencoded",
					"username=admin&password=" + password, null);
			assertThat(response.statusCode()).as("not before the administrator chose their own password")
				.isEqualTo(401);
			assertThat(response.body()).contains("choose your own first");
			WebSession admin = WebSession.signIn(server.port(), "admin", password);
			assertThat(WebSession.location(admin.get("/admin/staff"))).endsWith("/account/password");
			admin.get("/account/password");
			admin.post("/account/password",
					Map.of("current", password, "password", "eigen-beheer-1", "confirm", "eigen-beheer-1"));
			assertThat(admin.get("/admin/staff").statusCode()).isEqualTo(200);
			assertThat(server
				.post("/api/token", "application/x-www-form-urlencoded", "username=admin&password=eigen-beheer-1", null)
				.statusCode()).isEqualTo(200);
			assertThat(server
				.post("/api/token", "application/x-www-form-urlencoded", "username=nurse&password=test-password-1",
						null)
				.statusCode()).isEqualTo(401);
		}
	}

	private static java.util.List<Path> filesContaining(Path dir, String text) throws java.io.IOException {
		byte[] needle = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		try (var files = Files.walk(dir)) {
			return files.filter(Files::isRegularFile).filter(file -> {
				try {
					byte[] content = Files.readAllBytes(file);
					for (int i = 0; i + needle.length <= content.length; i++) {
						if (java.util.Arrays.equals(content, i, i + needle.length, needle, 0, needle.length)) {
							return true;
						}
					}
					return false;
				}
				catch (java.io.IOException gone) {
					return false;
				}
			}).toList();
		}
	}

	@Test
	void refusesASecondServerOnTheSameDataDirectory() throws Exception {
		Path data = temp.resolve("data");
		try (ServerProcess first = ServerProcess.start(data, Map.of())) {
			assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> ServerProcess.start(data, Map.of())))
				.hasStackTraceContaining("in use by another running Continuum server");
			assertThat(token(first, "nurse")).isNotBlank();
		}
	}

}
