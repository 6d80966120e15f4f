package continuum.subscriptions;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditService;
import continuum.changes.ChangeFeed;
import continuum.platform.InvalidInputException;
import continuum.platform.NotFoundException;
import continuum.platform.VersionConflictException;
import continuum.security.AccessControl;
import continuum.security.ActingRights;
import continuum.security.CurrentUser;
import continuum.security.Interaction;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Clients' FHIR subscriptions: create, read, update, delete and list one's own. A
 * subscription belongs to the account that created it and runs under that account's
 * rights (role, and a token's scopes): it may only name a resource type the account may
 * search and read, and nobody else sees it (their reads answer not found). Each
 * interaction is audited as one on {@code Subscription}.
 */
@Service
public class SubscriptionService {

	static final String TYPE = "Subscription";

	private final SubscriptionRepository repository;

	private final ChannelRules channels;

	private final AccessControl access;

	private final CurrentUser currentUser;

	private final AuditService audit;

	private final ChangeFeed feed;

	private final Clock clock;

	SubscriptionService(SubscriptionRepository repository, ChannelRules channels, AccessControl access,
			CurrentUser currentUser, AuditService audit, ChangeFeed feed, Clock clock) {
		this.repository = repository;
		this.channels = channels;
		this.access = access;
		this.currentUser = currentUser;
		this.audit = audit;
		this.feed = feed;
		this.clock = clock;
	}

	/**
	 * Accepts the subscription: {@code active} at once (or {@code off} when asked, or
	 * when its end has passed). Notifications cover the changes from now on.
	 */
	@Transactional
	public Subscription create(Subscription.Request request) {
		access.require(TYPE, Interaction.CREATE, null, null);
		Subscription checked = check(0, request);
		long id = repository.insert(checked, clock.instant());
		audit.record(AuditEntry.success(AuditAction.CREATE, TYPE, Long.toString(id), null));
		return repository.find(id).orElseThrow();
	}

	@Transactional
	public Subscription get(long id) {
		access.require(TYPE, Interaction.READ, Long.toString(id), null);
		Subscription found = own(id);
		audit.record(AuditEntry.success(AuditAction.READ, TYPE, Long.toString(id), null));
		return found;
	}

	/**
	 * Replaces what the client asks for, under the rights of the caller (the owner) now;
	 * {@code expectedVersion} from {@code If-Match}, or null.
	 */
	@Transactional
	public Subscription update(long id, Subscription.Request request, @Nullable Integer expectedVersion) {
		access.require(TYPE, Interaction.UPDATE, Long.toString(id), null);
		Subscription current = own(id);
		int version = expectedVersion == null ? current.version() : expectedVersion;
		Subscription checked = check(id, request);
		if (!repository.update(checked, version, clock.instant())) {
			throw new VersionConflictException(
					"Subscription " + id + " is at version " + current.version() + ", not " + version);
		}
		audit.record(AuditEntry.success(AuditAction.UPDATE, TYPE, Long.toString(id), null));
		return repository.find(id).orElseThrow();
	}

	@Transactional
	public void delete(long id) {
		access.require(TYPE, Interaction.DELETE, Long.toString(id), null);
		if (!repository.delete(id, currentUser.rights().username())) {
			throw notFound(id);
		}
		audit.record(AuditEntry.success(AuditAction.DELETE, TYPE, Long.toString(id), null));
	}

	/** The caller's own subscriptions, optionally of one status, by id. */
	@Transactional
	public List<Subscription> search(@Nullable SubscriptionStatus status, int limit, int offset) {
		access.require(TYPE, Interaction.SEARCH, null, null);
		audit.record(AuditEntry.success(AuditAction.SEARCH, TYPE, null, null));
		return repository.ofOwner(currentUser.rights().username(), status == null ? null : status.code(), limit,
				offset);
	}

	@Transactional(readOnly = true)
	public long count(@Nullable SubscriptionStatus status) {
		access.require(TYPE, Interaction.SEARCH, null, null);
		return repository.countOfOwner(currentUser.rights().username(), status == null ? null : status.code());
	}

	private Subscription own(long id) {
		String caller = currentUser.rights().username();
		return repository.find(id).filter(s -> s.owner().username().equals(caller)).orElseThrow(() -> notFound(id));
	}

	private static NotFoundException notFound(long id) {
		return new NotFoundException("No subscription with id " + id + " of yours");
	}

	private Subscription check(long id, Subscription.Request request) {
		SubscriptionStatus status = status(request.status());
		Criteria criteria = Criteria.parse(request.criteria());
		// The criteria are a search of that type, and each notification a read of it.
		access.require(criteria.resourceType(), Interaction.SEARCH, null, null);
		access.require(criteria.resourceType(), Interaction.READ, null, null);
		channels.checkType(request.channelType());
		String endpoint = channels.checkEndpoint(request.endpoint()).toString();
		String payload = channels.checkPayload(request.payload());
		List<String> headers = channels.checkHeaders(request.headers());
		Instant now = clock.instant();
		if (request.end() != null && !request.end().isAfter(now)) {
			status = SubscriptionStatus.OFF;
		}
		ActingRights owner = currentUser.rights();
		return new Subscription(id, 1, status, request.criteria().strip(), endpoint, payload, headers, request.end(),
				request.reason(), null, owner, feed.head(), now,
				new Subscription.Delivery(null, null, 0, null, null, 0, 0, 0));
	}

	private static SubscriptionStatus status(@Nullable String code) {
		if (code == null || code.equals("requested") || code.equals("active")) {
			return SubscriptionStatus.ACTIVE;
		}
		if (code.equals("off")) {
			return SubscriptionStatus.OFF;
		}
		throw new InvalidInputException("Subscription.status " + code.toLowerCase(Locale.ROOT)
				+ " cannot be set by a client; ask for requested (or active) to have it run, off to stop it");
	}

}
