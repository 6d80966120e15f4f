package continuum.resilience;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import continuum.TestCluster;
import tools.jackson.databind.JsonNode;

import static org.awaitility.Awaitility.await;

/**
 * A {@link TestCluster} as the fault runs see it: its nodes and primary for
 * {@link FaultRun}, its members' roles and process ids, and a wait for the whole cluster
 * (three running members with a leader and a synchronous standby, every node ready).
 */
final class ClusterControl implements FaultRun.Target {

	private final TestCluster cluster;

	private final Map<String, String> database;

	ClusterControl(TestCluster cluster) {
		this.cluster = cluster;
		this.database = cluster.settings(false);
	}

	TestCluster cluster() {
		return cluster;
	}

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

	String leader() {
		for (JsonNode member : cluster.status().get("members")) {
			if ("leader".equals(member.get("role").asString())) {
				return member.get("name").asString();
			}
		}
		throw new IllegalStateException("The cluster has no leader");
	}

	JsonNode member(String name) {
		for (JsonNode member : cluster.status().get("members")) {
			if (name.equals(member.get("name").asString())) {
				return member;
			}
		}
		throw new IllegalStateException("No member " + name);
	}

	/** Kills the whole member (its supervisor, Patroni and PostgreSQL at once). */
	void killMember(String name) throws Exception {
		JsonNode member = member(name);
		kill("-KILL", member.get("supervisor_pid").asLong(), member.get("patroni_pid").asLong(),
				member.get("postgres_pid").asLong());
	}

	/** Three running members (a leader, a synchronous standby) and every node ready. */
	void awaitWhole() {
		await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).until(() -> {
			JsonNode status = cluster.status();
			List<String> roles = new ArrayList<>();
			for (JsonNode member : status.get("members")) {
				String state = member.path("state").asString();
				if (!"running".equals(state) && !"streaming".equals(state)) {
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

	/**
	 * Copies the cluster's logs (Patroni, PostgreSQL, etcd, the nodes' own logs; no
	 * patient data is logged) under {@code target/cluster-logs/<name>}, before the
	 * cluster's directory is removed, so that a failed run can be read afterwards.
	 */
	void keepLogs(String name) throws java.io.IOException {
		java.nio.file.Path into = java.nio.file.Path.of("target", "cluster-logs", name);
		java.nio.file.Path root = cluster.directory();
		try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(root)) {
			for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".log")).toList()) {
				java.nio.file.Path copy = into.resolve(root.relativize(file));
				java.nio.file.Files.createDirectories(copy.getParent());
				java.nio.file.Files.copy(file, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			}
		}
	}

	static void kill(String signal, long... pids) throws Exception {
		List<String> command = new ArrayList<>(List.of("kill", signal));
		for (long pid : pids) {
			// A process the status did not find reads as 0, and kill 0 would signal this
			// whole process group.
			if (pid <= 1) {
				throw new IllegalStateException("No process to signal (pid " + pid + ")");
			}
			command.add(Long.toString(pid));
		}
		new ProcessBuilder(command).inheritIO().start().waitFor();
	}

}
