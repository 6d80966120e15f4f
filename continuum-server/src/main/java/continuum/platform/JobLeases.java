package continuum.platform;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs a background job on one server node at a time: {@code runIfHolder(job, task)} runs
 * the task only while this node holds the job's lease, a row of {@code job_lease} that
 * names the holder and an expiry set by the database's clock (one clock for every node).
 * <p>
 * A job's first call takes its lease at once if no live lease names another node; from
 * then on a thread of this node renews every lease it holds, and tries to take every
 * lease of a job it has been asked to run, each {@code renewInterval}, in one statement.
 * A node that stops releases its leases; a node that dies or loses its database stops
 * renewing, and its leases lapse {@code leaseTtl} after their last renewal, after which
 * the next claim of another node takes them.
 * <p>
 * Fencing: a holder runs a task only before its own deadline, which it counts on its
 * monotonic clock from the moment it <em>sent</em> the renewal: the lease's expiry was
 * set later than that, so the holder stops (less {@link #CLOCK_MARGIN}) before any other
 * node can take the lease, whether or not its renewals still arrive. A run that has
 * started is not interrupted: the leased jobs are written to stay correct even if two
 * runs overlap (claims, conditional writes); the lease makes one node do the work, and
 * makes that visible ({@link #leases()}, metrics {@code continuum.jobs.held} and
 * {@code continuum.jobs.runs}).
 * <p>
 * Leases rather than session advisory locks: a session lock vanishes without a trace when
 * its connection dies (a pool that replaces a connection, a failover), nobody can see who
 * holds it, and it ties a pooled connection to a job for good.
 */
@Component
public class JobLeases implements SmartLifecycle {

	/**
	 * Taken off every deadline: covers the difference between the clocks of two
	 * PostgreSQL hosts (a failover changes whose clock is the database's) and a renewal's
	 * answer that comes back late.
	 */
	static final Duration CLOCK_MARGIN = Duration.ofSeconds(1);

	/** The longest job name ({@code job_lease.job}). */
	static final int NAME_LENGTH = 64;

	private static final Logger log = LoggerFactory.getLogger(JobLeases.class);

	private final JobLeaseRepository repository;

	private final JobSettings settings;

	private final MeterRegistry registry;

	private final String nodeId;

	/** Every job this node has been asked to run, by name. */
	private final Map<String, Job> jobs = new ConcurrentHashMap<>();

	/**
	 * Serialises this node's claims, so that an older answer never overwrites a newer.
	 */
	private final Object claims = new Object();

	private volatile boolean running;

	private volatile boolean claimsFailing;

	private @Nullable ScheduledExecutorService renewer;

	JobLeases(JobLeaseRepository repository, JobSettings settings, MeterRegistry registry) {
		this.repository = repository;
		this.settings = settings;
		this.registry = registry;
		this.nodeId = nodeId(settings.nodeName());
	}

	/**
	 * Runs {@code task} on the caller's thread if this node holds the lease of
	 * {@code job} (taking it first, on the job's first call, if it is free); answers
	 * whether it ran. Exceptions of the task reach the caller. A job's name is at most
	 * {@value #NAME_LENGTH} characters, the same on every node.
	 */
	public boolean runIfHolder(String job, Runnable task) {
		if (job.isBlank() || job.length() > NAME_LENGTH) {
			// One statement claims all of a node's jobs: a name the table refuses would
			// stop every renewal.
			throw new IllegalArgumentException("A job's name has 1 to " + NAME_LENGTH + " characters: " + job);
		}
		if (!running) {
			return false;
		}
		Job state = jobs.get(job);
		if (state == null) {
			state = jobs.computeIfAbsent(job, this::register);
			claim(List.of(job));
		}
		state.inFlight.incrementAndGet();
		try {
			if (!running || !state.holdsAt(System.nanoTime())) {
				return false;
			}
			state.runs.increment();
			task.run();
			return true;
		}
		finally {
			state.inFlight.decrementAndGet();
		}
	}

	/** This node's id in the lease table: its name, process id and a random suffix. */
	public String nodeId() {
		return nodeId;
	}

	/** Every job's lease as the database holds it now, live or not, by job name. */
	public List<JobLease> leases() {
		return repository.all();
	}

	@Override
	public synchronized void start() {
		if (running) {
			return;
		}
		running = true;
		ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(work -> {
			Thread t = new Thread(work, "job-leases");
			t.setDaemon(true);
			return t;
		});
		long every = settings.renewInterval().toMillis();
		thread.scheduleWithFixedDelay(this::renewAll, every, every, TimeUnit.MILLISECONDS);
		renewer = thread;
	}

	/**
	 * Stops running jobs, lets runs under way finish while their leases last, and
	 * releases the leases of the jobs that are not running, so another node takes them at
	 * its next claim rather than after they lapse.
	 */
	@Override
	public synchronized void stop() {
		if (!running) {
			return;
		}
		running = false;
		haltRenewals();
		long patience = System.nanoTime() + settings.leaseTtl().toNanos();
		while (jobs.values().stream().anyMatch(j -> j.inFlight.get() > 0 && j.holdsAt(System.nanoTime()))
				&& System.nanoTime() - patience < 0) {
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		List<String> idle = new ArrayList<>();
		jobs.forEach((name, job) -> {
			if (job.inFlight.get() == 0 && job.holdsAt(System.nanoTime())) {
				idle.add(name);
			}
			job.held = false;
		});
		if (!idle.isEmpty()) {
			try {
				repository.release(idle, nodeId);
				log.info("Job leases released by node {}: {}", nodeId, idle);
			}
			catch (RuntimeException ex) {
				log.warn("Job leases {} could not be released; they lapse by themselves: {}", idle,
						SafeLogging.describe(ex));
			}
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/**
	 * Stops renewing and claiming, releasing nothing, as a node does that hangs or has
	 * lost its database: its runs stop at their deadlines and its leases lapse.
	 */
	synchronized void haltRenewals() {
		ScheduledExecutorService thread = renewer;
		renewer = null;
		if (thread != null) {
			thread.shutdownNow();
			try {
				thread.awaitTermination(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private void renewAll() {
		if (!jobs.isEmpty()) {
			claim(List.copyOf(jobs.keySet()));
		}
	}

	/**
	 * Takes or renews the leases of these jobs; a job this node does not get is one it no
	 * longer holds. A failed claim changes nothing here: the deadlines lapse by
	 * themselves.
	 */
	private void claim(Collection<String> names) {
		synchronized (claims) {
			long sent = System.nanoTime();
			List<String> held;
			try {
				held = repository.claim(names, nodeId, settings.leaseTtl());
			}
			catch (RuntimeException ex) {
				if (!claimsFailing) {
					claimsFailing = true;
					log.warn("Job leases {} could not be renewed or taken; jobs of this node stop when their leases "
							+ "lapse: {}", names, SafeLogging.describe(ex));
				}
				return;
			}
			if (claimsFailing) {
				claimsFailing = false;
				log.info("Job leases can be renewed and taken again");
			}
			long deadline = sent + settings.leaseTtl().minus(CLOCK_MARGIN).toNanos();
			for (String name : names) {
				Job job = jobs.get(name);
				if (held.contains(name)) {
					if (!job.holdsAt(sent)) {
						log.info("Job {} runs on this node ({}) from now on", name, nodeId);
					}
					job.deadline = deadline;
					job.held = true;
				}
				else if (job.held) {
					job.held = false;
					log.info("Job {} is held by another node now; it no longer runs on this node ({})", name, nodeId);
				}
			}
		}
	}

	private Job register(String name) {
		Job job = new Job(Counter.builder("continuum.jobs.runs")
			.description("Runs of a leased background job started on this node")
			.tag("job", name)
			.register(registry));
		Gauge.builder("continuum.jobs.held", job, j -> j.holdsAt(System.nanoTime()) && running ? 1 : 0)
			.description("1 while this node holds the job's lease (the sum over all nodes should be 1)")
			.tag("job", name)
			.strongReference(true)
			.register(registry);
		return job;
	}

	static String nodeId(@Nullable String name) {
		String base = name == null || name.isBlank() ? hostName() : name.strip();
		byte[] random = new byte[3];
		new SecureRandom().nextBytes(random);
		String suffix = "/" + ProcessHandle.current().pid() + "/" + HexFormat.of().formatHex(random);
		return (base.length() > 120 ? base.substring(0, 120) : base) + suffix;
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "localhost";
		}
	}

	/** One job's state on this node. */
	private static final class Job {

		final Counter runs;

		final AtomicInteger inFlight = new AtomicInteger();

		/** Whether the last claim gave this node the lease. */
		volatile boolean held;

		/** Until when ({@link System#nanoTime()}) this node may start a run. */
		volatile long deadline;

		Job(Counter runs) {
			this.runs = runs;
		}

		boolean holdsAt(long nanoTime) {
			return held && nanoTime - deadline < 0;
		}

	}

}
