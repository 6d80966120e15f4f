package continuum.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import continuum.TestCluster;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The failover benchmark of {@code docs/benchmarks.md} ("Resilience: failover"), not a
 * test of the suite (tag {@code benchmark}; {@code bench/resilience/failover.sh} runs
 * it): the whole primary member is killed N times ({@code continuum.bench.kills}, default
 * 10) under the mixed write load, the old primary is brought back as a replica after
 * each, and the time to recover (to the first write acknowledged after the fault's last
 * failure) is printed with its median and maximum. Every run is held to the same checks
 * as the fault suite, so a lost acknowledged write (RPO above 0) fails it.
 */
@Tag("benchmark")
class FailoverBenchmark {

	@Test
	void primaryKills() throws Exception {
		int kills = Integer.getInteger("continuum.bench.kills", 10);
		List<FaultRun.Result> results = new ArrayList<>();
		try (TestCluster cluster = TestCluster.create("failover-bench", 2)) {
			cluster.up();
			ClusterControl control = new ClusterControl(cluster);
			FaultRun faults = new FaultRun(control, 6);
			for (int i = 1; i <= kills; i++) {
				String old = control.leader();
				results.add(faults.run("failover " + i + " (kill -9 member " + old + ")", Duration.ofSeconds(6),
						Duration.ZERO, () -> {
							control.killMember(old);
							return null;
						}));
				cluster.require(300, "member", "start", old);
				control.awaitWhole();
			}
		}
		List<Long> rto = results.stream().map(r -> r.timeToRecover().toMillis()).sorted().toList();
		long acknowledged = results.stream().mapToLong(FaultRun.Result::acknowledged).sum();
		long failed = results.stream().mapToLong(FaultRun.Result::failedAfterFault).sum();
		System.out.printf("FAILOVER kills=%d rto_p50_ms=%d rto_max_ms=%d acknowledged=%d lost=0 failed_requests=%d%n",
				kills, rto.get((rto.size() - 1) / 2), rto.get(rto.size() - 1), acknowledged, failed);
		results.forEach(r -> System.out.printf("FAILOVER %s rto_ms=%d failed=%d unknown=%d%n", r.fault(),
				r.timeToRecover().toMillis(), r.failedAfterFault(), r.unknownOutcomes()));
	}

}
