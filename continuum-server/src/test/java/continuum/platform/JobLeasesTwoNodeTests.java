package continuum.platform;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import continuum.ContinuumApplication;
import continuum.platform.database.EmbeddedPostgres;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Two server nodes — two whole applications in this JVM — over one database, an embedded
 * PostgreSQL of the test's own that both use as an external database. Leases last 3 s and
 * are renewed every second; the four leased jobs run every 200 ms (the probes every
 * second). Each job runs on exactly one node and the status shows that node; a holder
 * that can no longer renew keeps running only until its own deadline, and the other node
 * takes over only after that, within the lease time; while the database answers nothing
 * for a lease time (every PostgreSQL process stopped, as in a failover) no node takes
 * over in the dark, and afterwards one node runs each job; a node that stops releases its
 * leases and the other takes over at its next claim.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JobLeasesTwoNodeTests {

	private static final List<String> JOBS = List.of("slot-horizon", "no-show", "appointment-reminders",
			"continuity-probes");

	private static final Duration TTL = Duration.ofSeconds(3);

	private static final Duration RENEWAL = Duration.ofSeconds(1);

	private static final ObjectMapper JSON = new ObjectMapper();

	private final HttpClient http = HttpClient.newHttpClient();

	/** The database of both nodes, started by the test: either node can stop. */
	private static final Path DATA_DIR = Path.of("target", "test-data", "two-nodes-" + UUID.randomUUID());

	private EmbeddedPostgres database;

	private Node first;

	private Node second;

	@BeforeAll
	void startTwoNodes() {
		database = new EmbeddedPostgres(DATA_DIR, Path.of(System.getProperty("java.io.tmpdir"), "continuum-test-pgsql"),
				Duration.ofSeconds(120));
		database.start(false);
		first = new Node(start("node-a"));
		second = new Node(start("node-b"));
	}

	@AfterAll
	void stopNodes() {
		second.context.close();
		first.context.close();
		database.close();
	}

	@Test
	@Order(1)
	void eachJobRunsOnExactlyOneNodeAndTheStatusNamesIt() throws Exception {
		await().atMost(Duration.ofSeconds(30)).until(() -> JOBS.stream().allMatch(job -> holderOf(job).isPresent()));
		Map<String, Double> firstBefore = runs(first);
		Map<String, Double> secondBefore = runs(second);
		Thread.sleep(3000);
		Map<String, Double> firstAfter = runs(first);
		Map<String, Double> secondAfter = runs(second);
		JsonNode status = JSON.readTree(get(second, "/api/status"));
		for (String job : JOBS) {
			JobLease lease = holderOf(job).orElseThrow();
			Node holder = lease.holder().equals(first.leases.nodeId()) ? first : second;
			Node other = holder == first ? second : first;
			double holderRan = (holder == first ? firstAfter : secondAfter).get(job)
					- (holder == first ? firstBefore : secondBefore).get(job);
			double otherRan = (other == first ? firstAfter : secondAfter).get(job)
					- (other == first ? firstBefore : secondBefore).get(job);
			assertThat(lease.holder()).as(job).isIn(first.leases.nodeId(), second.leases.nodeId());
			assertThat(holderRan).as("runs of %s on its holder", job).isGreaterThanOrEqualTo(2);
			assertThat(otherRan).as("runs of %s on the other node", job).isZero();
			assertThat(held(holder, job)).isEqualTo(1.0);
			assertThat(held(other, job)).isEqualTo(0.0);
			JsonNode shown = find(status.get("jobs"), job);
			assertThat(shown.get("status").asString()).isEqualTo("held");
			assertThat(shown.get("holder").asString()).isEqualTo(lease.holder());
		}
		assertThat(get(first, "/status")).contains("id=\"status-jobs\"")
			.contains(holderOf("slot-horizon").get().holder());
	}

	@Test
	@Order(1)
	void aJobNameTheTableWouldRefuseIsRefusedBeforeItCanStopTheRenewals() {
		assertThatThrownBy(() -> first.leases.runIfHolder("j".repeat(JobLeases.NAME_LENGTH + 1), () -> {
		})).isInstanceOf(IllegalArgumentException.class);
		assertThat(first.leases.runIfHolder("j".repeat(JobLeases.NAME_LENGTH), () -> {
		})).isTrue();
	}

	@Test
	@Order(2)
	void aHolderThatCannotRenewStopsBeforeTheOtherNodeTakesOver() {
		String job = "test-fencing";
		ConcurrentLinkedQueue<Long> firstRuns = new ConcurrentLinkedQueue<>();
		ConcurrentLinkedQueue<Long> secondRuns = new ConcurrentLinkedQueue<>();
		ScheduledExecutorService loops = Executors.newScheduledThreadPool(2);
		try {
			loops.scheduleWithFixedDelay(() -> first.leases.runIfHolder(job, () -> firstRuns.add(System.nanoTime())), 0,
					20, TimeUnit.MILLISECONDS);
			await().atMost(Duration.ofSeconds(5)).until(() -> !firstRuns.isEmpty());
			loops.scheduleWithFixedDelay(() -> second.leases.runIfHolder(job, () -> secondRuns.add(System.nanoTime())),
					0, 20, TimeUnit.MILLISECONDS);
			// Two renewal rounds with both nodes asking: the second node still gets
			// nothing.
			await().during(RENEWAL.multipliedBy(2)).atMost(RENEWAL.multipliedBy(3)).until(secondRuns::isEmpty);

			long halted = System.nanoTime();
			first.leases.haltRenewals();
			await().atMost(TTL.plus(RENEWAL).plusSeconds(2)).until(() -> !secondRuns.isEmpty());
			long firstLast = firstRuns.stream().mapToLong(Long::longValue).max().orElseThrow();
			long secondFirst = secondRuns.stream().mapToLong(Long::longValue).min().orElseThrow();
			assertThat(firstLast).as("the old holder's last run comes before the new holder's first")
				.isLessThan(secondFirst);
			assertThat(Duration.ofNanos(firstLast - halted)).as("the old holder ran on while its lease lasted")
				.isGreaterThan(Duration.ofMillis(500))
				.isLessThan(TTL);
			assertThat(Duration.ofNanos(secondFirst - halted)).as("taken over once the lease had expired")
				.isGreaterThan(TTL.minus(RENEWAL).minus(JobLeases.CLOCK_MARGIN))
				.isLessThan(TTL.plus(RENEWAL).plusSeconds(1));
			assertThat(holderOf(job).orElseThrow().holder()).isEqualTo(second.leases.nodeId());
			System.out.printf(
					"Dead holder: its last run %d ms after it stopped renewing, the other node's first %d ms%n",
					Duration.ofNanos(firstLast - halted).toMillis(), Duration.ofNanos(secondFirst - halted).toMillis());
			// Every other lease the first node held has moved too.
			await().atMost(TTL.plus(RENEWAL).plusSeconds(2))
				.until(() -> JOBS.stream()
					.allMatch(j -> holderOf(j).map(l -> l.holder().equals(second.leases.nodeId())).orElse(false)));
		}
		finally {
			loops.shutdownNow();
			// The first node comes back as a node that restarted its leases.
			first.leases.stop();
			first.leases.start();
		}
	}

	@Test
	@Order(3)
	void throughADatabaseThatAnswersNothingForALeaseTimeNoTwoNodesRunAJob() throws Exception {
		String job = "test-frozen-database";
		ConcurrentLinkedQueue<Long> firstRuns = new ConcurrentLinkedQueue<>();
		ConcurrentLinkedQueue<Long> secondRuns = new ConcurrentLinkedQueue<>();
		ScheduledExecutorService loops = Executors.newScheduledThreadPool(2);
		long postmaster = Long
			.parseLong(Files.readAllLines(DATA_DIR.resolve("postgres").resolve("postmaster.pid")).get(0).trim());
		try {
			loops.scheduleWithFixedDelay(() -> first.leases.runIfHolder(job, () -> firstRuns.add(System.nanoTime())), 0,
					20, TimeUnit.MILLISECONDS);
			await().atMost(Duration.ofSeconds(5)).until(() -> !firstRuns.isEmpty());
			loops.scheduleWithFixedDelay(() -> second.leases.runIfHolder(job, () -> secondRuns.add(System.nanoTime())),
					0, 20, TimeUnit.MILLISECONDS);
			Thread.sleep(RENEWAL.multipliedBy(2).toMillis());
			assertThat(secondRuns).isEmpty();

			// Every PostgreSQL process stopped, as a failover leaves the nodes without a
			// primary for a while: statements hang, nothing fails.
			signal("STOP", postmaster);
			long frozen = System.nanoTime();
			long thawed;
			try {
				Thread.sleep(TTL.toMillis());
			}
			finally {
				// From here on the database answers again.
				thawed = System.nanoTime();
				signal("CONT", postmaster);
			}
			await().atMost(RENEWAL.plusSeconds(2))
				.until(() -> after(firstRuns, thawed) + after(secondRuns, thawed) > 0);
			Thread.sleep(RENEWAL.toMillis());
			String holder = holderOf(job).orElseThrow().holder();
			ConcurrentLinkedQueue<Long> holderRuns = holder.equals(first.leases.nodeId()) ? firstRuns : secondRuns;
			ConcurrentLinkedQueue<Long> otherRuns = holderRuns == firstRuns ? secondRuns : firstRuns;
			long resumed = holderRuns.stream().filter(t -> t > thawed).mapToLong(Long::longValue).min().orElseThrow();
			long lastDuringFreeze = firstRuns.stream()
				.filter(t -> t > frozen && t < thawed)
				.mapToLong(Long::longValue)
				.max()
				.orElse(frozen);
			assertThat(secondRuns.stream().filter(t -> t > frozen && t < thawed)).as("nobody took over in the dark")
				.isEmpty();
			assertThat(Duration.ofNanos(lastDuringFreeze - frozen))
				.as("the holder stopped at its own deadline while it could not renew")
				.isLessThan(TTL.minus(JobLeases.CLOCK_MARGIN).plusMillis(100));
			assertThat(otherRuns.stream().filter(t -> t > resumed)).as("one node runs the job after the thaw")
				.isEmpty();
			assertThat(Duration.ofNanos(resumed - thawed)).as("runs go on within a claim of the thaw")
				.isLessThan(RENEWAL.plusSeconds(2));
			await().atMost(RENEWAL.plusSeconds(1)).until(() -> JOBS.stream().allMatch(j -> holderOf(j).isPresent()));
			System.out.printf(
					"Database frozen %d ms: the holder's last run %d ms into it, the next run (on %s) %d ms "
							+ "after it answered again%n",
					Duration.ofNanos(thawed - frozen).toMillis(),
					Duration.ofNanos(lastDuringFreeze - frozen).toMillis(),
					holderRuns == firstRuns ? "the same node" : "the other node",
					Duration.ofNanos(resumed - thawed).toMillis());
		}
		finally {
			loops.shutdownNow();
		}
	}

	@Test
	@Order(4)
	void aStoppingHolderReleasesItsLeasesAndTheOtherNodeTakesOver() {
		JobLease before = holderOf("slot-horizon").orElseThrow();
		Node holder = before.holder().equals(first.leases.nodeId()) ? first : second;
		Node other = holder == first ? second : first;
		holder.context.close();
		long closed = System.nanoTime();
		JobLease released = lease("slot-horizon").orElseThrow();
		assertThat(released.holder()).isEqualTo(before.holder());
		assertThat(released.live()).as("released at stop, not left to lapse").isFalse();
		assertThat(released.expiresAt()).isBefore(before.expiresAt());
		double runsBefore = runs(other).get("slot-horizon");
		await().atMost(RENEWAL.plusSeconds(2))
			.until(() -> JOBS.stream()
				.allMatch(job -> holderOf(job).map(l -> l.holder().equals(other.leases.nodeId())).orElse(false)));
		long takenOver = System.nanoTime();
		System.out.printf("Stopped holder: every lease taken over %d ms after its context closed%n",
				Duration.ofNanos(takenOver - closed).toMillis());
		assertThat(Duration.ofNanos(takenOver - closed)).as("taken at the next claim, not after the lease time")
			.isLessThan(RENEWAL.plusSeconds(1));
		await().atMost(Duration.ofSeconds(2)).until(() -> runs(other).get("slot-horizon") > runsBefore);
	}

	private static long after(ConcurrentLinkedQueue<Long> runs, long nanoTime) {
		return runs.stream().filter(t -> t > nanoTime).count();
	}

	/**
	 * Sends a signal to the embedded PostgreSQL: its postmaster first, then each of its
	 * processes (each is a session of its own, so a process group does not reach them).
	 */
	private static void signal(String signal, long postmaster) throws Exception {
		List<String> command = new java.util.ArrayList<>(List.of("kill", "-" + signal, Long.toString(postmaster)));
		ProcessHandle.of(postmaster).orElseThrow().children().forEach(child -> command.add(Long.toString(child.pid())));
		Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
		assertThat(kill.waitFor()).as("kill -%s", signal).isZero();
	}

	private ConfigurableApplicationContext start(String name) {
		Map<String, Object> properties = new java.util.HashMap<>(
				Map.of("server.port", "0", "continuum.demo.enabled", "false", "continuum.jobs.node-name", name,
						"continuum.jobs.lease-ttl", TTL.toMillis() + "ms", "continuum.jobs.renew-interval",
						RENEWAL.toMillis() + "ms", "continuum.continuity.probes.scheduled", "true"));
		properties.putAll(Map.of("continuum.scheduling.initial-generation-delay", "0s",
				"continuum.scheduling.generation-interval", "200ms", "continuum.scheduling.no-show-initial-delay", "0s",
				"continuum.scheduling.no-show-interval", "200ms", "continuum.scheduling.reminder-initial-delay", "0s",
				"continuum.scheduling.reminder-interval", "200ms"));
		properties.putAll(Map.of("continuum.db.url", database.jdbcUrl(), "continuum.db.user", database.ownerUsername(),
				"continuum.db.password", database.ownerPassword()));
		// As command-line arguments: they come before application.properties (default
		// properties would come after it).
		String[] args = properties.entrySet()
			.stream()
			.map(e -> "--" + e.getKey() + "=" + e.getValue())
			.toArray(String[]::new);
		return new SpringApplicationBuilder(ContinuumApplication.class).profiles("test").run(args);
	}

	/** The job's live lease, if any node holds it. */
	private Optional<JobLease> holderOf(String job) {
		return lease(job).filter(JobLease::live);
	}

	private Optional<JobLease> lease(String job) {
		Node alive = second.context.isActive() ? second : first;
		return alive.leases.leases().stream().filter(l -> l.job().equals(job)).findFirst();
	}

	private static Map<String, Double> runs(Node node) {
		Map<String, Double> runs = new java.util.HashMap<>();
		for (String job : JOBS) {
			Counter counter = node.registry.find("continuum.jobs.runs").tag("job", job).counter();
			runs.put(job, counter == null ? 0 : counter.count());
		}
		return runs;
	}

	private static double held(Node node, String job) {
		Gauge gauge = node.registry.find("continuum.jobs.held").tag("job", job).gauge();
		return gauge == null ? 0 : gauge.value();
	}

	private static JsonNode find(JsonNode jobs, String job) {
		for (JsonNode entry : jobs) {
			if (entry.get("id").asString().equals(job)) {
				return entry;
			}
		}
		throw new AssertionError("job " + job + " not in /api/status");
	}

	private String get(Node node, String path) throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(node.url + path)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	/** One running node: its context, leases, meters and base URL. */
	private static final class Node {

		final ConfigurableApplicationContext context;

		final JobLeases leases;

		final MeterRegistry registry;

		final String url;

		Node(ConfigurableApplicationContext context) {
			this.context = context;
			this.leases = context.getBean(JobLeases.class);
			this.registry = context.getBean(MeterRegistry.class);
			this.url = "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
		}

	}

}
