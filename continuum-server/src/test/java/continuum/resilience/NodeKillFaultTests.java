package continuum.resilience;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import continuum.platform.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two stateless Continuum nodes over one database, under a mixed write load from several
 * clients; one node is killed (SIGKILL) in the middle of it. The clients that used it
 * move to the other node, as behind a load balancer; what was in flight on the dead node
 * is an unknown outcome that the clients settle by retrying with their idempotency keys;
 * afterwards every acknowledged write is there exactly once and nothing else is, the
 * audit chain verifies and the change feed has no gap.
 */
class NodeKillFaultTests {

	@TempDir
	Path temp;

	@Test
	void killingOneOfTwoNodesLosesNoAcknowledgedWriteAndLeavesNothingHalfDone() throws Exception {
		Path dataA = temp.resolve("node-a");
		try (ServerProcess a = ServerProcess.start(dataA, Map.of("CONTINUUM_DEMO_PATIENTS", "20"))) {
			int postgresPort = Integer
				.parseInt(Files.readAllLines(dataA.resolve("postgres/postmaster.pid")).get(3).trim());
			String owner = Files.readString(dataA.resolve("secrets/db-password")).trim();
			ServerProcess b = ServerProcess.start(temp.resolve("node-b"),
					Map.of("CONTINUUM_DB_URL", "jdbc:postgresql://127.0.0.1:" + postgresPort + "/continuum",
							"CONTINUUM_DB_USER", "continuum", "CONTINUUM_DB_PASSWORD", owner));
			try {
				FaultRun run = new FaultRun(new FaultRun.Target() {
					@Override
					public List<String> nodes() {
						return List.of(b.baseUrl(), a.baseUrl());
					}

					@Override
					public Connection primary() throws Exception {
						return ServerProcess.connect(dataA);
					}
				}, 6);
				FaultRun.Result result = run.run("kill -9 one Continuum node", Duration.ofSeconds(8),
						Duration.ofSeconds(2), () -> {
							new ProcessBuilder("kill", "-KILL", Long.toString(b.pid())).start().waitFor();
							return null;
						});
				assertThat(result.timeToRecover()).isLessThan(Duration.ofSeconds(15));
			}
			finally {
				b.close();
			}
		}
	}

}
