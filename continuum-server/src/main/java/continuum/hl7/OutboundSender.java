package continuum.hl7;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditOutcome;
import continuum.audit.AuditService;
import continuum.platform.JobLeases;
import continuum.platform.LeasedJobThread;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the outbound queue on one node at a time (job lease {@value #JOB}): the oldest
 * due message of each ordering key, one at a time per link connection, each waiting for
 * its acknowledgement. AA or CA marks it sent (audited as an export); anything else (AE,
 * AR, CE, CR, no answer, no connection) records the error and retries it after an
 * exponential backoff, for as long as it takes: a message is never dropped, and the next
 * message of its key waits behind it. Woken after each enqueuing commit, and sweeps every
 * {@code continuum.hl7.sweep-interval}. Not started by operator commands.
 */
@Component
class OutboundSender implements SmartLifecycle {

	static final String JOB = "hl7-outbound";

	private static final Logger log = LoggerFactory.getLogger(OutboundSender.class);

	private static final int BATCH = 100;

	private final OutboundStore store;

	private final Hl7Settings settings;

	private final AuditService audit;

	private final Clock clock;

	private final TransactionTemplate transaction;

	private final boolean enabled;

	private final LeasedJobThread thread;

	OutboundSender(OutboundStore store, Hl7Settings settings, JobLeases leases, AuditService audit, Clock clock,
			PlatformTransactionManager transactions, @Value("${continuum.command:}") String command) {
		this.store = store;
		this.settings = settings;
		this.audit = audit;
		this.clock = clock;
		this.transaction = new TransactionTemplate(transactions);
		this.enabled = command.isEmpty();
		this.thread = new LeasedJobThread(JOB, leases, settings.sweepInterval(), this::sendDue);
	}

	/** Asks for a send round now (after a commit that queued a message). */
	void wake() {
		thread.wake();
	}

	@Override
	public void start() {
		if (enabled) {
			thread.start();
		}
	}

	@Override
	public void stop() {
		thread.stop();
	}

	@Override
	public boolean isRunning() {
		return thread.isRunning();
	}

	private void sendDue() {
		Map<String, MllpClient> connections = new HashMap<>();
		Set<String> unreachable = new HashSet<>();
		try {
			while (!Thread.currentThread().isInterrupted()) {
				List<OutboundStore.Queued> due = store.due(clock.instant(), BATCH);
				int sent = 0;
				for (OutboundStore.Queued message : due) {
					if (!unreachable.contains(message.link()) && send(message, connections, unreachable)) {
						sent++;
					}
				}
				if (sent == 0) {
					return;
				}
			}
		}
		finally {
			connections.values().forEach(OutboundSender::closeQuietly);
		}
	}

	/** Sends one message; answers whether the peer took it. */
	private boolean send(OutboundStore.Queued message, Map<String, MllpClient> connections, Set<String> unreachable) {
		Hl7Settings.Link link = settings.link(message.link());
		if (link == null) {
			failed(message, null, "link-not-configured: no continuum.hl7.links." + message.link());
			unreachable.add(message.link());
			return false;
		}
		MllpClient client = connections.get(message.link());
		try {
			if (client == null) {
				client = MllpClient.connect(link.host(), link.port(), link.connectTimeout(), link.ackTimeout(),
						link.tls() ? MllpClient.tls(link.truststore(), link.truststorePassword(), link.keystore(),
								link.keystorePassword(), link.storeType()) : null);
				connections.put(message.link(), client);
			}
		}
		catch (IOException | RuntimeException ex) {
			failed(message, null, "connect-failed: " + ex.getClass().getSimpleName());
			unreachable.add(message.link());
			return false;
		}
		String response;
		try {
			response = client.send(message.er7());
		}
		catch (IOException ex) {
			closeQuietly(connections.remove(message.link()));
			failed(message, null,
					ex instanceof SocketTimeoutException
							? "ack-timeout: no acknowledgement within " + link.ackTimeout().toSeconds() + " s"
							: "connection-lost: " + ex.getClass().getSimpleName());
			return false;
		}
		AckReading ack = AckReading.of(response);
		if (message.controlId() != null && !message.controlId().equals(ack.controlId())) {
			closeQuietly(connections.remove(message.link()));
			failed(message, ack.code(), "ack-mismatch: the acknowledgement names another message");
			return false;
		}
		if (!ack.accepted()) {
			failed(message, ack.code(), "ack-" + (ack.code().isEmpty() ? "none" : ack.code())
					+ (ack.text().isEmpty() ? "" : ": " + ack.text()));
			return false;
		}
		Instant now = clock.instant();
		transaction.executeWithoutResult(status -> {
			store.markSent(message.id(), ack.code(), now);
			audit.record(new AuditEntry(AuditAction.EXPORT, "Hl7Message", "out-" + message.id(), message.patientId(),
					AuditOutcome.SUCCESS, "sent on link " + message.link() + ", attempt " + (message.attempts() + 1)));
		});
		return true;
	}

	private void failed(OutboundStore.Queued message, @Nullable String ackCode, String error) {
		Instant now = clock.instant();
		Instant retryAt = now.plus(backoff(message.attempts() + 1));
		transaction.executeWithoutResult(status -> store.markFailed(message.id(), ackCode, error, retryAt, now));
		log.warn("HL7 outbound message {} on link {} not taken (attempt {}): {}; retry at {}", message.id(),
				message.link(), message.attempts() + 1,
				error.contains(":") ? error.substring(0, error.indexOf(':')) : error, retryAt);
	}

	/**
	 * Base doubled per attempt, capped, half of it random so failed messages spread out.
	 */
	Duration backoff(int attempts) {
		long base = settings.backoffBase().toMillis();
		long cap = settings.backoffMax().toMillis();
		long exponential = attempts >= 31 ? cap : Math.min(cap, base << Math.max(0, attempts - 1));
		long half = exponential / 2;
		return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
	}

	private static void closeQuietly(@Nullable MllpClient client) {
		if (client != null) {
			try {
				client.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
		}
	}

}
