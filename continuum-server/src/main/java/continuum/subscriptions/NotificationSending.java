package continuum.subscriptions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditOutcome;
import continuum.audit.AuditService;
import continuum.fhir.ResourceReader;
import continuum.platform.GoneException;
import continuum.platform.NotFoundException;
import continuum.security.CurrentUser;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends each active subscription's oldest waiting notification, once it is due. The
 * resource is read as the subscription's owner, through the module's FHIR read: the
 * access check, the restricted-record rule and the audit log (a READ by the owner) apply
 * as to a client's own read, and a notification the owner may not read, or whose resource
 * is gone, is withheld and counted, never sent. A sent notification is audited as an
 * EXPORT by the owner and taken off the queue; a failed one waits for its retry
 * (exponential backoff), and holds back the later ones of its subscription, which keeps
 * them in order. A subscription whose failures reach {@code max-failures}, or that has
 * failed without a success for {@code max-failing-for}, is set to {@code error} with the
 * last reason.
 */
@Component
class NotificationSending {

	private static final Logger log = LoggerFactory.getLogger(NotificationSending.class);

	private final SubscriptionRepository repository;

	private final ResourceReader reader;

	private final CurrentUser currentUser;

	private final RestHook hook;

	private final AuditService audit;

	private final SubscriptionSettings settings;

	private final TransactionTemplate transaction;

	private final Clock clock;

	NotificationSending(SubscriptionRepository repository, ResourceReader reader, CurrentUser currentUser,
			RestHook hook, AuditService audit, SubscriptionSettings settings, TransactionTemplate transaction,
			Clock clock) {
		this.repository = repository;
		this.reader = reader;
		this.currentUser = currentUser;
		this.hook = hook;
		this.audit = audit;
		this.settings = settings;
		this.transaction = transaction;
		this.clock = clock;
	}

	/** Sends what is due; answers how many notifications were taken off the queue. */
	int round() throws InterruptedException {
		int done = 0;
		for (SubscriptionRepository.Pending pending : repository.heads()) {
			if (pending.nextAttempt().isAfter(clock.instant())) {
				continue;
			}
			Optional<Subscription> subscription = repository.find(pending.subscriptionId());
			if (subscription.isPresent() && subscription.get().status() == SubscriptionStatus.ACTIVE
					&& send(subscription.get(), pending)) {
				done++;
			}
		}
		return done;
	}

	private boolean send(Subscription subscription, SubscriptionRepository.Pending pending)
			throws InterruptedException {
		IBaseResource resource;
		try {
			resource = currentUser.actingAs(subscription.owner(),
					() -> reader.read(pending.resourceType(), pending.resourceId()).orElseThrow());
		}
		catch (AccessDeniedException | NotFoundException | GoneException | ResourceNotFoundException
				| ResourceGoneException ex) {
			// The refusal is audited by the access check itself.
			transaction.executeWithoutResult(status -> repository.done(pending, false, clock.instant()));
			log.info("Subscription {}: notification of change {} withheld ({})", subscription.id(), pending.seq(),
					ex instanceof AccessDeniedException ? "the owner may not read it" : "the resource is gone");
			return true;
		}
		RestHook.Outcome outcome = hook.send(subscription, resource);
		Instant now = clock.instant();
		if (outcome.delivered()) {
			currentUser.actingAs(subscription.owner(), () -> transaction.execute(status -> {
				repository.done(pending, true, now);
				audit.record(new AuditEntry(AuditAction.EXPORT, pending.resourceType(), pending.resourceId(),
						pending.patientId(), AuditOutcome.SUCCESS,
						"notification of Subscription/" + subscription.id() + " to " + host(subscription)));
				return null;
			}));
			return true;
		}
		Subscription.Delivery delivery = subscription.delivery();
		int failures = delivery.failures() + 1;
		Instant failingSince = delivery.failingSince() == null ? now : delivery.failingSince();
		boolean giveUp = failures >= settings.maxFailures()
				|| Duration.between(failingSince, now).compareTo(settings.maxFailingFor()) >= 0;
		Instant retryAt = now.plus(settings.backoff(pending.attempts() + 1));
		transaction.executeWithoutResult(status -> repository.failed(pending, outcome.failure(), retryAt, giveUp, now));
		log.info("Subscription {}: notification of change {} failed (attempt {}){}", subscription.id(), pending.seq(),
				pending.attempts() + 1, giveUp ? "; the subscription is set to error" : "");
		return false;
	}

	private static String host(Subscription subscription) {
		return java.net.URI.create(subscription.endpoint()).getHost();
	}

}
