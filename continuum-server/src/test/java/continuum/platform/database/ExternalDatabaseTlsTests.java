package continuum.platform.database;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import continuum.platform.ServerProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An external PostgreSQL 15 (Debian's binaries, a cluster of the test's own on a free
 * loopback port) that accepts only TLS connections ({@code ssl=on}, {@code hostssl} alone
 * in pg_hba.conf), with a server certificate for {@code localhost} signed by a CA made in
 * the test: the server's pool connects with {@code sslmode=verify-full}, and a start that
 * trusts another CA or names the database by another host name is refused, saying why
 * (docs/operations.md, "TLS certificates").
 */
class ExternalDatabaseTlsTests {

	private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

	@TempDir
	Path temp;

	private Path cluster;

	@AfterEach
	void stopCluster() throws Exception {
		if (cluster != null && Files.exists(cluster.resolve("postmaster.pid"))) {
			run(List.of(BIN.resolve("pg_ctl").toString(), "-D", cluster.toString(), "-m", "fast", "-w", "stop"), true);
		}
	}

	@Test
	void connectsWithVerifyFullAndRefusesAnotherCaOrHostName() throws Exception {
		Path pki = Files.createDirectories(temp.resolve("pki"));
		Path ca = authority(pki, "ca", "Test database CA");
		Path otherCa = authority(pki, "other-ca", "Another CA");
		openssl(pki, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
				"server.key", "-out", "server.csr", "-subj", "/CN=localhost");
		Files.writeString(pki.resolve("san.ext"), "subjectAltName=DNS:localhost\n");
		openssl(pki, "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
				"-days", "2", "-extfile", "san.ext", "-out", "server.crt");

		int port = freePort();
		String password = "db-test-password-1";
		startCluster(pki, port, password);
		try (Connection admin = DriverManager.getConnection(
				"jdbc:postgresql://localhost:" + port + "/postgres?sslmode=verify-full&sslrootcert=" + ca, "postgres",
				password); Statement sql = admin.createStatement()) {
			sql.execute("create role continuum login password '" + password + "'");
			sql.execute("create database continuum owner continuum");
		}

		String url = "jdbc:postgresql://localhost:" + port + "/continuum?sslmode=verify-full&sslrootcert=";
		Map<String, String> external = Map.of("CONTINUUM_DB_USER", "continuum", "CONTINUUM_DB_PASSWORD", password,
				"CONTINUUM_DEMO", "false");
		try (ServerProcess server = ServerProcess.start(temp.resolve("data"), with(external, url + ca))) {
			try (Connection admin = DriverManager.getConnection(
					"jdbc:postgresql://localhost:" + port + "/postgres?sslmode=verify-full&sslrootcert=" + ca,
					"postgres", password);
					Statement sql = admin.createStatement();
					ResultSet pool = sql.executeQuery("select count(*) filter (where s.ssl), count(*) "
							+ "from pg_stat_activity a join pg_stat_ssl s using (pid) where a.usename = 'continuum'")) {
				assertThat(pool.next()).isTrue();
				assertThat(pool.getInt(2)).isPositive();
				assertThat(pool.getInt(1)).isEqualTo(pool.getInt(2));
			}
		}

		assertThatThrownBy(() -> ServerProcess.start(temp.resolve("data-other-ca"), with(external, url + otherCa)))
			.hasMessageContaining("Server exited")
			.hasMessageContaining("PKIX path");
		assertThatThrownBy(() -> ServerProcess.start(temp.resolve("data-other-host"),
				with(external,
						"jdbc:postgresql://127.0.0.1:" + port + "/continuum?sslmode=verify-full&sslrootcert=" + ca)))
			.hasMessageContaining("Server exited")
			.hasMessageContaining("127.0.0.1");
		try {
			Properties plain = new Properties();
			plain.setProperty("user", "continuum");
			plain.setProperty("password", password);
			plain.setProperty("sslmode", "disable");
			assertThatThrownBy(
					() -> DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/continuum", plain))
				.hasMessageContaining("no encryption");
		}
		finally {
			stopCluster();
		}
	}

	private static Map<String, String> with(Map<String, String> base, String url) {
		Map<String, String> env = new java.util.HashMap<>(base);
		env.put("CONTINUUM_DB_URL", url);
		return env;
	}

	private void startCluster(Path pki, int port, String password) throws Exception {
		cluster = temp.resolve("pg");
		Files.createDirectories(cluster);
		Path pwfile = temp.resolve("pwfile");
		Files.writeString(pwfile, password + "\n");
		for (String file : List.of("server.crt", "server.key")) {
			Files.copy(pki.resolve(file), cluster.resolveSibling("pg-" + file));
		}
		chownToPostgres(temp);
		run(asPostgres(List.of(BIN.resolve("initdb").toString(), "-D", cluster.toString(), "-U", "postgres", "--pwfile",
				pwfile.toString(), "--auth", "scram-sha-256")), false);
		Files.move(cluster.resolveSibling("pg-server.crt"), cluster.resolve("server.crt"));
		Files.move(cluster.resolveSibling("pg-server.key"), cluster.resolve("server.key"));
		Files.setPosixFilePermissions(cluster.resolve("server.key"),
				java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
		Files.writeString(cluster.resolve("postgresql.conf"),
				"\nport = " + port + "\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = ''\nssl = on\n"
						+ "ssl_cert_file = 'server.crt'\nssl_key_file = 'server.key'\n",
				java.nio.file.StandardOpenOption.APPEND);
		Files.writeString(cluster.resolve("pg_hba.conf"), "hostssl all all 127.0.0.1/32 scram-sha-256\n");
		chownToPostgres(temp);
		run(asPostgres(List.of(BIN.resolve("pg_ctl").toString(), "-D", cluster.toString(), "-l",
				temp.resolve("pg.log").toString(), "-w", "start")), false);
	}

	private static Path authority(Path dir, String name, String commonName) throws Exception {
		openssl(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
				name + ".key", "-out", name + ".crt", "-days", "2", "-subj", "/CN=" + commonName);
		return dir.resolve(name + ".crt");
	}

	private static void openssl(Path dir, String... arguments) throws Exception {
		List<String> command = new ArrayList<>(List.of("openssl"));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor()).as(output).isZero();
	}

	/**
	 * PostgreSQL refuses to run as root: as root, its commands run as {@code postgres}.
	 */
	private static List<String> asPostgres(List<String> command) {
		if (!"root".equals(System.getProperty("user.name"))) {
			return command;
		}
		List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
		wrapped.addAll(command);
		return wrapped;
	}

	private static void chownToPostgres(Path dir) throws Exception {
		if ("root".equals(System.getProperty("user.name"))) {
			run(List.of("chown", "-R", "postgres", dir.toString()), false);
			run(List.of("chmod", "o+x", dir.getParent().toString()), true);
		}
	}

	private static void run(List<String> command, boolean mayFail) throws Exception {
		Process process = new ProcessBuilder(asPostgresIfPgCtl(command)).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(120, TimeUnit.SECONDS)) {
			process.destroyForcibly();
		}
		if (!mayFail) {
			assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
		}
	}

	private static List<String> asPostgresIfPgCtl(List<String> command) {
		return command.get(0).endsWith("pg_ctl") ? asPostgres(command) : command;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
