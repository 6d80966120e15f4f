package continuum.notifications;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditOutcome;
import continuum.audit.AuditService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One claim-send-record loop over the outbox. A batch is claimed and committed before
 * anything is sent, each send's outcome is committed before the next claim can see the
 * row again, and a row is sent only while at least half of its lease is left: so in
 * normal operation a message goes out once, and after a crash it goes out again with the
 * same idempotency key. Failed attempts are retried with exponential backoff and jitter
 * until the attempts are used up. Safe to run on many threads and nodes at once.
 */
@Component
class OutboxWorker {

	private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);

	private final NotificationRepository outbox;

	private final NotificationsSettings settings;

	private final Map<DeliveryChannel, Channel> channels = new EnumMap<>(DeliveryChannel.class);

	private final AuditService audit;

	private final Clock clock;

	private final TransactionTemplate transaction;

	OutboxWorker(NotificationRepository outbox, NotificationsSettings settings, List<Channel> channels,
			AuditService audit, Clock clock, PlatformTransactionManager transactions) {
		this.outbox = outbox;
		this.settings = settings;
		channels.forEach(channel -> this.channels.put(channel.type(), channel));
		this.audit = audit;
		this.clock = clock;
		this.transaction = new TransactionTemplate(transactions);
	}

	/**
	 * Claims and sends batches until none is due; answers how many messages were tried.
	 * {@code retryScheduled} hears of each retry time set, so the caller can look again
	 * then rather than at its next poll.
	 */
	int drain(Consumer<Instant> retryScheduled) throws InterruptedException {
		int tried = 0;
		while (true) {
			Instant now = clock.instant();
			List<OutboxMessage> batch = transaction
				.execute(status -> outbox.claim(now, now.plus(settings.lease()), settings.batchSize()));
			if (batch == null || batch.isEmpty()) {
				return tried;
			}
			for (OutboxMessage message : batch) {
				if (Thread.currentThread().isInterrupted()) {
					throw new InterruptedException("Stopped with claimed notifications; their leases will expire");
				}
				deliver(message, retryScheduled);
				tried++;
			}
		}
	}

	private void deliver(OutboxMessage message, Consumer<Instant> retryScheduled) throws InterruptedException {
		Duration halfLease = settings.lease().dividedBy(2);
		if (clock.instant().isAfter(message.leaseEnd().minus(halfLease))) {
			// Too little lease left for a full send: leave it to the next claim (same
			// key).
			log.info("Notification {} left for a later claim: its lease is too short for a send", message.id());
			return;
		}
		Channel channel = channels.get(message.channel());
		try {
			if (channel == null || !channel.configured()) {
				throw new DeliveryException("channel-not-configured", true);
			}
			channel.send(message);
		}
		catch (DeliveryException ex) {
			failed(message, ex, retryScheduled);
			return;
		}
		catch (RuntimeException ex) {
			failed(message, new DeliveryException(message.channel().code() + "-error", false, ex), retryScheduled);
			return;
		}
		Instant now = clock.instant();
		Boolean recorded = transaction.execute(status -> {
			boolean updated = outbox.markSent(message, now);
			if (updated) {
				audit.record(new AuditEntry(AuditAction.EXPORT, "Communication", Long.toString(message.id()),
						Long.toString(message.patientId()), AuditOutcome.SUCCESS,
						"sent by " + message.channel().code() + ", attempt " + message.attempts()));
			}
			return updated;
		});
		if (Boolean.TRUE.equals(recorded)) {
			log.info("Notification {} sent by {} (attempt {})", message.id(), message.channel().code(),
					message.attempts());
		}
		else {
			log.warn("Notification {} was claimed again before its send was recorded", message.id());
		}
	}

	private void failed(OutboxMessage message, DeliveryException failure, Consumer<Instant> retryScheduled) {
		Instant now = clock.instant();
		boolean giveUp = failure.permanent() || message.attempts() >= settings.maxAttempts();
		Instant retryAt = giveUp ? null : now.plus(backoff(message.attempts()));
		transaction.executeWithoutResult(status -> {
			if (outbox.markFailed(message, failure.code(), retryAt, now)) {
				audit.record(new AuditEntry(AuditAction.EXPORT, "Communication", Long.toString(message.id()),
						Long.toString(message.patientId()), AuditOutcome.FAILED,
						failure.code() + " by " + message.channel().code() + ", attempt " + message.attempts()));
			}
		});
		if (retryAt != null) {
			retryScheduled.accept(retryAt);
		}
		Throwable cause = failure.getCause();
		log.warn("Notification {} not sent by {} (attempt {}): {}{}; {}", message.id(), message.channel().code(),
				message.attempts(), failure.code(), cause == null ? "" : " (" + cause.getClass().getName() + ")",
				giveUp ? "given up" : "retry at " + retryAt);
	}

	/**
	 * Base doubled per attempt, capped, with "equal jitter" (half fixed, half random) so
	 * that messages failed together do not come back together.
	 */
	Duration backoff(int attempts) {
		long base = settings.backoffBase().toMillis();
		long cap = settings.backoffMax().toMillis();
		long exponential = attempts >= 31 ? cap : Math.min(cap, base << Math.max(0, attempts - 1));
		long half = exponential / 2;
		return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
	}

}
