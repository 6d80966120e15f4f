package continuum.web;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes idempotency keys past their retention, every 10 minutes. A plain delete of old
 * rows, safe on every node at once, so it needs no lease.
 */
@Component
class IdempotencyKeyPruning {

	private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyPruning.class);

	private final IdempotencyRepository keys;

	private final IdempotencySettings settings;

	private final Clock clock;

	IdempotencyKeyPruning(IdempotencyRepository keys, IdempotencySettings settings, Clock clock) {
		this.keys = keys;
		this.settings = settings;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
	int prune() {
		int pruned = keys.deleteOlderThan(clock.instant().minus(settings.retention()));
		if (pruned > 0) {
			log.info("Pruned {} idempotency keys older than {}", pruned, settings.retention());
		}
		return pruned;
	}

}
