package continuum.resilience;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import continuum.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The faults of issue 15 on the real cluster ({@code cluster/cluster.py}: etcd, three
 * PostgreSQL 15 members under supervised Patroni in strict synchronous mode, two
 * Continuum nodes on the multi-host URL), each under a continuous mixed write load from
 * several clients ({@link FaultRun}): after each, every acknowledged write is there
 * exactly once, nothing refused is there, nothing is half-done, the audit chain verifies
 * and the change feed has neither gap nor reused position; no request got a 500. The
 * cluster is brought back to three running members and two ready nodes between faults.
 */
@Tag("cluster")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFaultTests {

	private static final int CLIENTS = 6;

	private static TestCluster cluster;

	private static FaultRun faults;

	@BeforeAll
	static void up() {
		cluster = TestCluster.create("faults", 2);
		cluster.up();
		Map<String, String> database = cluster.settings(false);
		faults = new FaultRun(new FaultRun.Target() {
			@Override
			public List<String> nodes() {
				List<String> urls = new ArrayList<>();
				for (JsonNode node : cluster.status().get("nodes")) {
					urls.add(node.get("url").asString());
				}
				return urls;
			}

			@Override
			public Connection primary() throws Exception {
				return DriverManager.getConnection(database.get("CONTINUUM_DB_URL"), database.get("CONTINUUM_DB_USER"),
						database.get("CONTINUUM_DB_PASSWORD"));
			}
		}, CLIENTS);
	}

	@AfterAll
	static void down() {
		if (cluster != null) {
			cluster.close();
		}
	}

	@Test
	@Order(1)
	void killingThePrimarysPostgresLosesNothing() throws Exception {
		FaultRun.Result result = faults.run("kill -9 the primary's PostgreSQL", Duration.ofSeconds(6), Duration.ZERO,
				() -> {
					kill("-KILL", member(leader()).get("postgres_pid").asLong());
					return null;
				});
		assertThat(result.firstWriteAfterFault()).isLessThan(Duration.ofSeconds(60));
		awaitWhole();
	}

	@Test
	@Order(2)
	void killingTheWholePrimaryMemberFailsOverAndLosesNothing() throws Exception {
		String old = leader();
		FaultRun.Result result = faults.run("kill -9 the primary member (Patroni and PostgreSQL)",
				Duration.ofSeconds(6), Duration.ZERO, () -> {
					JsonNode member = member(old);
					kill("-KILL", member.get("supervisor_pid").asLong(), member.get("patroni_pid").asLong(),
							member.get("postgres_pid").asLong());
					return null;
				});
		assertThat(leader()).isNotEqualTo(old);
		assertThat(result.firstWriteAfterFault()).isLessThan(Duration.ofSeconds(60));
		// Failing back: the old primary comes back as a replica of the new one
		// (pg_rewind).
		cluster.require(300, "member", "start", old);
		awaitWhole();
	}

	@Test
	@Order(3)
	void killingThePrimarysPatroniAloneLosesNothing() throws Exception {
		faults.run("kill -9 the primary's Patroni alone", Duration.ofSeconds(6), Duration.ZERO, () -> {
			kill("-KILL", member(leader()).get("patroni_pid").asLong());
			return null;
		});
		awaitWhole();
	}

	@Test
	@Order(4)
	void killingOneContinuumNodeLosesNothing() throws Exception {
		faults.run("kill -9 one Continuum node", Duration.ofSeconds(6), Duration.ZERO, () -> {
			kill("-KILL", cluster.status().get("nodes").get(0).get("pid").asLong());
			return null;
		});
		cluster.require(600, "node", "start", "1");
		awaitWhole();
	}

	@Test
	@Order(5)
	void stoppingEtcdForAWhileLosesNothing() throws Exception {
		long etcd = cluster.status().get("etcd").get("pid").asLong();
		faults.run("etcd stopped for 20 s", Duration.ofSeconds(6), Duration.ofSeconds(20), () -> {
			kill("-STOP", etcd);
			return () -> {
				kill("-CONT", etcd);
				return null;
			};
		});
		awaitWhole();
	}

	private static String leader() {
		for (JsonNode member : cluster.status().get("members")) {
			if ("leader".equals(member.get("role").asString())) {
				return member.get("name").asString();
			}
		}
		throw new IllegalStateException("The cluster has no leader");
	}

	private static JsonNode member(String name) {
		for (JsonNode member : cluster.status().get("members")) {
			if (name.equals(member.get("name").asString())) {
				return member;
			}
		}
		throw new IllegalStateException("No member " + name);
	}

	/** Three running members (a leader, a synchronous standby) and every node ready. */
	private static void awaitWhole() {
		await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).until(() -> {
			JsonNode status = cluster.status();
			List<String> roles = new ArrayList<>();
			for (JsonNode member : status.get("members")) {
				if (!"running".equals(member.path("state").asString())
						&& !"streaming".equals(member.path("state").asString())) {
					return false;
				}
				roles.add(member.get("role").asString());
			}
			boolean nodesReady = true;
			for (JsonNode node : status.get("nodes")) {
				nodesReady &= node.get("ready").asBoolean();
			}
			return nodesReady && roles.contains("leader") && roles.contains("sync_standby");
		});
	}

	private static void kill(String signal, long... pids) throws Exception {
		List<String> command = new ArrayList<>(List.of("kill", signal));
		for (long pid : pids) {
			command.add(Long.toString(pid));
		}
		new ProcessBuilder(command).inheritIO().start().waitFor();
	}

}
