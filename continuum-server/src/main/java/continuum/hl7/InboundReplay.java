package continuum.hl7;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import continuum.platform.SafeLogging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Processes from the store the messages that were stored but not processed: enhanced mode
 * acknowledges on commit and processes after, so a crash (or a database failure) between
 * the two leaves a message received. Runs at start and every
 * {@code continuum.hl7.replay-interval}, taking messages received more than
 * {@code replay-after} ago (younger ones are being processed by their connection). Each
 * message is processed under its row lock ({@code skip locked}), so two nodes, or this
 * job and a connection, never process one twice: no job lease is needed.
 */
@Component
@ConditionalOnExpression("'${continuum.command:}'.isEmpty()")
class InboundReplay {

	private static final Logger log = LoggerFactory.getLogger(InboundReplay.class);

	private final InboundStore store;

	private final InboundProcessing processing;

	private final Hl7Settings settings;

	private final Clock clock;

	private final TransactionTemplate transaction;

	InboundReplay(InboundStore store, InboundProcessing processing, Hl7Settings settings, Clock clock,
			PlatformTransactionManager transactions) {
		this.store = store;
		this.processing = processing;
		this.settings = settings;
		this.clock = clock;
		this.transaction = new TransactionTemplate(transactions);
	}

	@Scheduled(initialDelay = 0, fixedDelayString = "${continuum.hl7.replay-interval:30s}")
	void replay() {
		try {
			replayReceivedBefore(clock.instant().minus(settings.replayAfter()));
		}
		catch (RuntimeException ex) {
			log.warn("HL7 messages waiting for processing could not be replayed now: {}", SafeLogging.describe(ex));
		}
	}

	/** Processes every message received before {@code before} and not yet processed. */
	int replayReceivedBefore(Instant before) {
		int processed = 0;
		while (true) {
			List<Long> ids = store.unprocessed(before, 100);
			int round = 0;
			for (long id : ids) {
				Boolean done = transaction.execute(status -> store.lock(id, MessageState.RECEIVED)
					.map(message -> processing.process(InboundProcessing.Pending.of(message), status))
					.isPresent());
				if (Boolean.TRUE.equals(done)) {
					round++;
					log.info("HL7 message {} processed from the store", id);
				}
			}
			processed += round;
			if (round == 0 || ids.size() < 100) {
				return processed;
			}
		}
	}

}
