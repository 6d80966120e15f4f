package continuum.subscriptions;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import continuum.changes.Change;
import continuum.changes.ChangeFeed;
import continuum.changes.ChangeOperation;
import continuum.fhir.ResourceReader;
import continuum.security.CurrentUser;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.stereotype.Component;

/**
 * Follows the change feed for the active subscriptions: each change of a type some
 * subscription names is read as the server itself (as a client would read it, through the
 * module's FHIR read; audited as {@code system}) and matched against each such
 * subscription's criteria; a match queues a notification. The notifications and the new
 * feed position commit together, so a change is queued once per subscription, in feed
 * order, whatever happens between rounds. Deletions match nothing (R4: criteria apply to
 * the new value of a resource). A change from before a subscription was created is not
 * its concern.
 */
@Component
class ChangeMatching {

	private static final Logger log = LoggerFactory.getLogger(ChangeMatching.class);

	private final SubscriptionRepository repository;

	private final ChangeFeed feed;

	private final ResourceReader reader;

	private final CriteriaMatcher matcher;

	private final CurrentUser currentUser;

	private final SubscriptionSettings settings;

	private final TransactionTemplate transaction;

	private final Clock clock;

	ChangeMatching(SubscriptionRepository repository, ChangeFeed feed, ResourceReader reader, CriteriaMatcher matcher,
			CurrentUser currentUser, SubscriptionSettings settings, TransactionTemplate transaction, Clock clock) {
		this.repository = repository;
		this.feed = feed;
		this.reader = reader;
		this.matcher = matcher;
		this.currentUser = currentUser;
		this.settings = settings;
		this.transaction = transaction;
		this.clock = clock;
	}

	/** Matches one batch of changes; answers whether there may be more. */
	boolean round() {
		transaction.executeWithoutResult(status -> repository.endDue(clock.instant()));
		long cursor = repository.cursor();
		List<Subscription> active = repository.active();
		if (active.isEmpty()) {
			// Nobody to match for: the feed's head is as far as anyone needs to look.
			long head = feed.head();
			transaction.executeWithoutResult(status -> {
				if (repository.lockCursor() == cursor && head > cursor) {
					repository.moveCursor(head);
				}
			});
			return false;
		}
		List<Change> changes = feed.readAfter(cursor, settings.batchSize());
		if (changes.isEmpty()) {
			return false;
		}
		Map<Long, Criteria> criteria = new HashMap<>();
		active.forEach(s -> criteria.put(s.id(), Criteria.parse(s.criteria())));
		List<Map.Entry<Long, Change>> matches = new ArrayList<>();
		for (Change change : changes) {
			if (change.operation() == ChangeOperation.DELETE) {
				continue;
			}
			Optional<IBaseResource> resource = null;
			for (Subscription subscription : active) {
				Criteria wanted = criteria.get(subscription.id());
				if (!wanted.resourceType().equals(change.resourceType()) || change.seq() <= subscription.fromSeq()
						|| wanted.patient().filter(p -> !p.equals(change.patientId())).isPresent()) {
					continue;
				}
				if (resource == null) {
					resource = read(change);
				}
				if (resource.isPresent() && matcher.matches(wanted, resource.get())) {
					matches.add(Map.entry(subscription.id(), change));
				}
			}
		}
		long last = changes.get(changes.size() - 1).seq();
		transaction.executeWithoutResult(status -> {
			if (repository.lockCursor() != cursor) {
				// Another run got here first (a lease taken over mid-round): its queue
				// stands, this one's is dropped.
				return;
			}
			matches.forEach(m -> repository.queue(m.getKey(), m.getValue(), clock.instant()));
			repository.moveCursor(last);
		});
		return changes.size() == settings.batchSize();
	}

	private Optional<IBaseResource> read(Change change) {
		try {
			return currentUser.asServer(() -> reader.read(change.resourceType(), change.resourceId()));
		}
		catch (RuntimeException ex) {
			// Gone since, or not visible through FHIR (an unreleased result): no match.
			log.debug("Subscriptions: {}/{} not read for matching: {}", change.resourceType(), change.resourceId(),
					ex.getClass().getSimpleName());
			return Optional.empty();
		}
	}

}
