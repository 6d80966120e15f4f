package continuum.resilience;

import java.time.Duration;

import continuum.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static continuum.resilience.ClusterControl.kill;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The faults of issue 15 on the real cluster ({@code cluster/cluster.py}: etcd, three
 * PostgreSQL 15 members under supervised Patroni in strict synchronous mode, two
 * Continuum nodes on the multi-host URL), each under a continuous mixed write load from
 * several clients ({@link FaultRun}): after each, every acknowledged write (of this run
 * and the runs before) is there exactly once, nothing refused is there, nothing is
 * half-done, the audit chain verifies and the change feed has neither gap nor reused
 * position; no request got a 500. The cluster is brought back to three running members
 * and two ready nodes between faults.
 */
@Tag("cluster")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFaultTests {

	private static final int CLIENTS = 6;

	private static final Duration BEFORE = Duration.ofSeconds(6);

	private static TestCluster cluster;

	private static ClusterControl control;

	private static FaultRun faults;

	@BeforeAll
	static void up() {
		cluster = TestCluster.create("faults", 2);
		cluster.up();
		control = new ClusterControl(cluster);
		faults = new FaultRun(control, CLIENTS);
	}

	@AfterAll
	static void down() throws Exception {
		if (cluster != null) {
			try {
				control.keepLogs("faults");
			}
			finally {
				cluster.close();
			}
		}
	}

	@Test
	@Order(1)
	void killingThePrimarysPostgresLosesNothing() throws Exception {
		FaultRun.Result result = faults.run("kill -9 the primary's PostgreSQL", BEFORE, Duration.ZERO, () -> {
			kill("-KILL", control.member(control.leader()).get("postgres_pid").asLong());
			return null;
		});
		assertThat(result.timeToRecover()).isLessThan(Duration.ofSeconds(60));
		control.awaitWhole();
	}

	@Test
	@Order(2)
	void killingTheWholePrimaryMemberFailsOverAndLosesNothing() throws Exception {
		String old = control.leader();
		FaultRun.Result result = faults.run("kill -9 the primary member (Patroni and PostgreSQL)", BEFORE,
				Duration.ZERO, () -> {
					control.killMember(old);
					return null;
				});
		assertThat(control.leader()).isNotEqualTo(old);
		assertThat(result.timeToRecover()).isLessThan(Duration.ofSeconds(60));
		// Failing back: the old primary comes back as a replica of the new one
		// (pg_rewind).
		cluster.require(300, "member", "start", old);
		control.awaitWhole();
	}

	@Test
	@Order(3)
	void killingThePrimarysPatroniAloneLosesNothing() throws Exception {
		faults.run("kill -9 the primary's Patroni alone", BEFORE, Duration.ZERO, () -> {
			kill("-KILL", control.member(control.leader()).get("patroni_pid").asLong());
			return null;
		});
		control.awaitWhole();
	}

	@Test
	@Order(4)
	void killingOneContinuumNodeLosesNothing() throws Exception {
		faults.run("kill -9 one Continuum node", BEFORE, Duration.ZERO, () -> {
			kill("-KILL", cluster.status().get("nodes").get(0).get("pid").asLong());
			return null;
		});
		cluster.require(600, "node", "start", "1");
		control.awaitWhole();
	}

	@Test
	@Order(5)
	void stoppingEtcdForAWhileLosesNothing() throws Exception {
		long etcd = cluster.status().get("etcd").get("pid").asLong();
		faults.run("etcd stopped for 20 s", BEFORE, Duration.ofSeconds(20), () -> {
			kill("-STOP", etcd);
			return () -> {
				kill("-CONT", etcd);
				return null;
			};
		});
		control.awaitWhole();
	}

}
