package continuum.resilience;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

import continuum.fhir.FhirTestSupport;
import continuum.resilience.Attempt.Outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One fault under load, from start to verdict: the load runs a while, the fault is
 * injected, the load goes on until writes have been acknowledged again for a while (or
 * the fault is cleared by its own step), the unknown outcomes are settled by retrying
 * with their keys, and then the database is held to every answer given. Records what the
 * clients saw (requests failed, time to the first acknowledged write after the fault) in
 * {@code target/fault-results.tsv}, for {@code docs/benchmarks.md}.
 */
final class FaultRun {

	/**
	 * A fault: injects it, and answers a step that clears it (or null when it clears
	 * itself).
	 */
	interface Fault {

		Callable<Void> inject() throws Exception;

	}

	/** Where the system under test can be reached between faults. */
	interface Target {

		List<String> nodes();

		/** A connection to the current primary, as the owner of the tables. */
		Connection primary() throws Exception;

	}

	private static final Duration SETTLE = Duration.ofSeconds(120);

	private static final Duration OBSERVE = Duration.ofSeconds(20);

	private final Target system;

	private final int clients;

	/**
	 * Every settled attempt of the runs before, held to the database again after each
	 * fault: what an earlier fault left acknowledged must survive the later ones.
	 */
	private final List<Attempt> earlier = new ArrayList<>();

	FaultRun(Target system, int clients) {
		this.system = system;
		this.clients = clients;
	}

	Result run(String name, Duration before, Duration faultLasts, Fault fault) throws Exception {
		return run(name, before, faultLasts, Duration.ZERO, fault);
	}

	/**
	 * As {@link #run(String, Duration, Duration, Fault)}, with the fault held for at
	 * least {@code faultLasts} and then until a write sent after it has failed, for at
	 * most {@code heldAtMost} more: for a fault whose effect waits on what the clients do
	 * (a full disk is felt only when a table or the log needs a new block, which a slow
	 * machine's few writes may not ask for in a fixed while).
	 */
	Result run(String name, Duration before, Duration faultLasts, Duration heldAtMost, Fault fault) throws Exception {
		Map<String, String> tokens = new ConcurrentHashMap<>();
		WriteLoad load = new WriteLoad(system.nodes(), username -> tokens.computeIfAbsent(username, this::token),
				clients);
		load.start();
		Thread.sleep(before.toMillis());
		long injected = System.nanoTime();
		Callable<Void> clear = fault.inject();
		Thread.sleep(faultLasts.toMillis());
		if (!heldAtMost.isZero()) {
			await().atMost(heldAtMost)
				.pollInterval(Duration.ofMillis(200))
				.until(() -> load.attempts().stream().anyMatch(a -> a.sentNanos() >= injected && WriteLoad.failed(a)));
		}
		if (clear != null) {
			clear.call();
		}
		// Watch long enough for a failover to begin (a dead primary is noticed when its
		// leader key expires), then
		// keep the load on until writes have gone through without a failure for a few
		// seconds.
		Thread.sleep(OBSERVE.toMillis());
		await().atMost(Duration.ofSeconds(180))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> load.steadyFor(Duration.ofSeconds(5)));
		load.stop();
		Duration recovered = load.recoveredAfter(injected);
		List<Attempt> attempted = load.attempts();
		long failed = attempted.stream().filter(a -> a.sentNanos() >= injected && WriteLoad.failed(a)).count();
		long unknown = WrittenData.count(attempted, Outcome.UNKNOWN);
		load.settleUnknown(SETTLE);
		List<Attempt> settled = load.attempts();
		assertThat(load.clientFailures()).as("%s: the load clients' own failures", name).isEmpty();
		try (Connection db = system.primary()) {
			WrittenData data = new WrittenData(db);
			await().atMost(Duration.ofSeconds(60)).until(() -> data.unsequenced() == 0);
			List<Attempt> all = new ArrayList<>(earlier);
			all.addAll(settled);
			List<String> violations = data.violations(earlier, settled);
			earlier.addAll(settled);
			if (!violations.isEmpty()) {
				keepAttempts(name, all);
			}
			assertThat(violations).as("%s: the database against what clients were told", name).isEmpty();
		}
		assertThat(WrittenData.count(settled, Outcome.ACKNOWLEDGED)).as("%s: writes acknowledged", name)
			.isGreaterThan(10);
		assertAuditChainIntact(name);
		Result result = new Result(name, settled.size(), WrittenData.count(settled, Outcome.ACKNOWLEDGED), failed,
				unknown, recovered);
		record(result);
		return result;
	}

	record Result(String fault, int attempts, long acknowledged, long failedAfterFault, long unknownOutcomes,
			Duration timeToRecover) {
	}

	/** Asks a live node to verify the audit chain end to end (POST /api/audit/verify). */
	private void assertAuditChainIntact(String name) {
		String auditor = token("auditor");
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			HttpResponse<String> verification = null;
			for (String node : system.nodes()) {
				try {
					verification = http(node, "/api/audit/verify", auditor);
					break;
				}
				catch (IOException ex) {
					// A node killed by the fault: ask the next one.
				}
			}
			assertThat(verification).as("%s: a node to verify the audit chain", name).isNotNull();
			assertThat(verification.statusCode()).as("%s: audit verification", name).isEqualTo(200);
			assertThat(verification.body()).as("%s: audit chain", name).contains("\"intact\":true");
		});
	}

	/**
	 * A token from the first node that gives one (the fault may have killed the others).
	 */
	private String token(String username) {
		for (String node : system.nodes()) {
			try {
				return FhirTestSupport.token(Integer.parseInt(node.substring(node.lastIndexOf(':') + 1)), username);
			}
			catch (IllegalStateException | AssertionError unavailable) {
				// Try the next node.
			}
		}
		throw new IllegalStateException("No node gives a token for " + username);
	}

	private static HttpResponse<String> http(String node, String path, String token) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(node + path))
				.header("Authorization", "Bearer " + token)
				.POST(HttpRequest.BodyPublishers.noBody())
				.timeout(Duration.ofSeconds(60))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Every attempt of a failed run, for reading the violations against (keys, no patient
	 * data).
	 */
	private static void keepAttempts(String name, List<Attempt> attempts) throws IOException {
		Path file = Path.of("target", "fault-attempts", name.replaceAll("[^A-Za-z0-9]+", "-") + ".tsv");
		Files.createDirectories(file.getParent());
		StringBuilder lines = new StringBuilder();
		for (Attempt a : attempts) {
			lines
				.append(String.join("\t", a.kind().name(), a.key(), a.outcome().name(), Integer.toString(a.status()),
						String.valueOf(a.resourceId()), Long.toString(a.sentNanos()), Long.toString(a.answeredNanos())))
				.append('\n');
		}
		Files.writeString(file, lines, StandardCharsets.UTF_8);
	}

	private static void record(Result result) throws IOException {
		Path file = Path.of("target", "fault-results.tsv");
		Files.createDirectories(file.getParent());
		String line = String.join("\t", result.fault(), Long.toString(result.attempts()),
				Long.toString(result.acknowledged()), Long.toString(result.failedAfterFault()),
				Long.toString(result.unknownOutcomes()), Long.toString(result.timeToRecover().toMillis())) + "\n";
		Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
	}

}
