package continuum.continuity.probes;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import continuum.continuity.incidents.ProbeIncidents;
import continuum.platform.JobLeases;
import continuum.platform.SafeLogging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Runs the probes: every {@code tick} (when {@code scheduled}) it claims the components
 * whose probe is due, at most {@code threads} of them, probes them in parallel on its own
 * bounded pool, and waits for each at most the probe timeout (plus a quarter second for
 * the probe to report its own timeout): a probe still running then is abandoned
 * (interrupted) and recorded as failed with {@link ProbeCode#TIMEOUT}, so a hung peer
 * never holds up the prober. Each result is then recorded, in its own transaction, with
 * what it changes (incident opened or resolved, state). Probe results older than the
 * retention are pruned once an hour.
 * <p>
 * The scheduled rounds run on one server node at a time, the holder of the {@value #JOB}
 * lease ({@link JobLeases}): every component is then seen from one place, so a gateway
 * that one node cannot reach does not flap between failed and good as the nodes take
 * turns, and the state refresh and pruning run once. The claim ({@code FOR UPDATE SKIP
 * LOCKED}) and the component's row lock while a result is recorded keep the incidents
 * right should a node that lost its lease still be finishing a round. "Probe now" runs on
 * whichever node the operator uses.
 */
@Service
public class ProbeRunner implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(ProbeRunner.class);

	static final String JOB = "continuity-probes";

	private static final Duration GRACE = Duration.ofMillis(250);

	private final ComponentRepository components;

	private final ProbeResultRepository results;

	private final ProbeIncidents incidents;

	private final Map<String, ComponentProbe> probes;

	private final ProbeSettings settings;

	private final Clock clock;

	private final ExecutorService pool;

	private final ProbeMetrics metrics;

	private final JobLeases leases;

	private final AtomicBoolean running = new AtomicBoolean();

	private volatile Instant lastPrune = Instant.EPOCH;

	ProbeRunner(ComponentRepository components, ProbeResultRepository results, ProbeIncidents incidents,
			List<ComponentProbe> probes, ProbeSettings settings, Clock clock, ProbeMetrics metrics, JobLeases leases) {
		this.metrics = metrics;
		this.leases = leases;
		this.components = components;
		this.results = results;
		this.incidents = incidents;
		this.probes = probes.stream().collect(Collectors.toMap(ComponentProbe::kind, Function.identity()));
		this.settings = settings;
		this.clock = clock;
		AtomicInteger threads = new AtomicInteger();
		this.pool = Executors.newFixedThreadPool(settings.threads(), work -> {
			Thread thread = new Thread(work, "continuity-probe-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	@Scheduled(initialDelayString = "${continuum.continuity.probes.tick:1s}",
			fixedDelayString = "${continuum.continuity.probes.tick:1s}")
	void tick() {
		if (settings.scheduled()) {
			leases.runIfHolder(JOB, this::runDue);
		}
	}

	/**
	 * One round: probes the components that are due and records the results; then brings
	 * every component's state up to date (a maintenance window starts or ends with time
	 * alone). Answers how many components were probed; none while another round of this
	 * node is still running.
	 */
	public int runDue() {
		if (!running.compareAndSet(false, true)) {
			return 0;
		}
		try {
			Instant now = clock.instant();
			List<Component> due = components.claimDue(now, settings.threads());
			record(measure(due));
			incidents.refreshStates();
			if (Duration.between(lastPrune, now).compareTo(Duration.ofHours(1)) >= 0) {
				lastPrune = now;
				int pruned = results.prune(now.minus(settings.retention()));
				if (pruned > 0) {
					log.info("Probe results older than {} pruned: {}", settings.retention(), pruned);
				}
			}
			return due.size();
		}
		catch (RuntimeException ex) {
			log.warn("Probe round failed: {}", SafeLogging.describe(ex));
			return 0;
		}
		finally {
			running.set(false);
		}
	}

	/**
	 * Probes these components now, whatever their schedule, and records the results (the
	 * IT page's "probe now"; tests). Answers the results by component code.
	 */
	public Map<String, ProbeResult> probeNow(Collection<String> codes) {
		List<Component> chosen = new ArrayList<>();
		for (String code : codes) {
			components.find(code).filter(Component::configured).ifPresent(chosen::add);
		}
		Map<String, ProbeResult> measured = new LinkedHashMap<>();
		for (int from = 0; from < chosen.size(); from += settings.threads()) {
			measured.putAll(measure(chosen.subList(from, Math.min(chosen.size(), from + settings.threads()))));
		}
		record(measured);
		return measured;
	}

	private Map<String, ProbeResult> measure(List<Component> due) {
		Map<String, Instant> started = new LinkedHashMap<>();
		Map<String, Future<ProbeResult>> running = new LinkedHashMap<>();
		long begin = System.nanoTime();
		for (Component component : due) {
			Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
			started.put(component.code(), at);
			running.put(component.code(), pool.submit(() -> measure(component, at)));
		}
		long deadline = begin + settings.timeout().plus(GRACE).toNanos();
		Map<String, ProbeResult> measured = new LinkedHashMap<>();
		running.forEach((code, future) -> {
			ProbeResult result;
			try {
				result = future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			}
			catch (TimeoutException ex) {
				future.cancel(true);
				result = new ProbeResult(started.get(code), ProbeOutcome.failed(ProbeCode.TIMEOUT),
						Duration.ofNanos(System.nanoTime() - begin));
			}
			catch (InterruptedException ex) {
				future.cancel(true);
				Thread.currentThread().interrupt();
				return;
			}
			catch (ExecutionException ex) {
				result = new ProbeResult(started.get(code), ProbeOutcome.failed(ProbeCode.UNEXPECTED),
						Duration.ofNanos(System.nanoTime() - begin));
			}
			measured.put(code, result);
		});
		return measured;
	}

	private ProbeResult measure(Component component, Instant at) {
		ComponentProbe probe = probes.get(component.kind());
		long start = System.nanoTime();
		ProbeOutcome outcome;
		if (probe == null) {
			outcome = ProbeOutcome.failed(ProbeCode.NO_PROBE);
		}
		else {
			try {
				outcome = probe.probe(component.target(), settings.timeout());
			}
			catch (Exception ex) {
				outcome = ProbeOutcome.failed(classify(ex));
			}
		}
		return new ProbeResult(at, outcome, Duration.ofNanos(System.nanoTime() - start));
	}

	private void record(Map<String, ProbeResult> measured) {
		measured.forEach((code, result) -> {
			try {
				incidents.record(code, result);
				metrics.recorded(code, result);
			}
			catch (RuntimeException ex) {
				log.warn("Probe result of component {} could not be recorded: {}", code, SafeLogging.describe(ex));
			}
		});
	}

	/** The stable code of a probe's failure, from the type of what it threw. */
	static ProbeCode classify(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof SocketTimeoutException || t instanceof HttpTimeoutException
					|| t instanceof QueryTimeoutException || t instanceof InterruptedException) {
				return ProbeCode.TIMEOUT;
			}
			if (t instanceof ConnectException) {
				return ProbeCode.REFUSED;
			}
			if (t instanceof UnknownHostException || t instanceof NoRouteToHostException) {
				return ProbeCode.UNREACHABLE;
			}
		}
		if (failure instanceof DataAccessException) {
			return ProbeCode.DATABASE;
		}
		if (failure instanceof IOException) {
			return ProbeCode.UNREACHABLE;
		}
		return ProbeCode.UNEXPECTED;
	}

	@Override
	public void destroy() {
		pool.shutdownNow();
	}

}
