package continuum.security;

import java.time.Clock;
import java.time.Duration;

import continuum.audit.Actor;
import continuum.audit.AuditAction;
import continuum.changes.ChangeFeed;
import continuum.changes.ChangeOperation;
import continuum.security.RateLimiter.Limit;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What a failed password costs, at sign-in, at {@code /api/token} and at
 * {@code /account/password}, so that nobody can guess passwords and no stranger can lock
 * an account out:
 * <ul>
 * <li>every failure counts against its source address ({@code sign-in-address}), whatever
 * the account;</li>
 * <li>a failure from an address the account has signed in from before (a known address)
 * counts towards the account's lockout, as at the user's own workstation;</li>
 * <li>a failure from any other address never locks the account: it counts against the
 * account's {@code sign-in-account} bucket, which, once empty, refuses only unknown
 * addresses. The account's user, at a known address, goes on signing in.</li>
 * </ul>
 * The system account of interfaces and downtime nodes falls under the same rule: only its
 * own hosts could lock it.
 */
@Component
class SignInLimits {

	private final RateLimiter limiter;

	private final KnownAddressRepository knownAddresses;

	private final StaffRepository staff;

	private final SecuritySettings security;

	private final RateLimitSettings settings;

	private final ChangeFeed changes;

	private final Clock clock;

	SignInLimits(RateLimiter limiter, KnownAddressRepository knownAddresses, StaffRepository staff,
			SecuritySettings security, RateLimitSettings settings, ChangeFeed changes, Clock clock) {
		this.limiter = limiter;
		this.knownAddresses = knownAddresses;
		this.staff = staff;
		this.security = security;
		this.settings = settings;
		this.changes = changes;
		this.clock = clock;
	}

	/**
	 * Zero if a password may be tried now for {@code username} (null when not known yet)
	 * from {@code remoteAddress}; otherwise how long to wait. A refusal is counted and
	 * its trip audited.
	 */
	Duration refusal(@Nullable String username, @Nullable String remoteAddress) {
		String address = SourceAddress.key(remoteAddress);
		Actor actor = new Actor(username == null ? "anonymous" : truncated(username), null, remoteAddress);
		Duration wait = limiter.waitFor(Limit.SIGN_IN_ADDRESS, address);
		if (!wait.isZero()) {
			limiter.refused(Limit.SIGN_IN_ADDRESS, address, actor, AuditAction.LOGIN, wait);
			return wait;
		}
		if (username != null && !known(username, address)) {
			wait = limiter.waitFor(Limit.SIGN_IN_ACCOUNT, username);
			if (!wait.isZero()) {
				limiter.refused(Limit.SIGN_IN_ACCOUNT, username, actor, AuditAction.LOGIN, wait);
			}
		}
		return wait;
	}

	/** A wrong password for {@code username} from {@code remoteAddress}. */
	void failed(String username, @Nullable String remoteAddress) {
		String address = SourceAddress.key(remoteAddress);
		limiter.spend(Limit.SIGN_IN_ADDRESS, address);
		// With the limits off, every failure counts towards the lockout, as the only
		// guard.
		if (!settings.enabled() || known(username, address)) {
			staff.recordFailure(username, security.lockAfterFailures(), clock.instant().plus(security.lockDuration()),
					changes.inStatement(StaffAccountService.STAFF_ACCOUNT, ChangeOperation.UPDATE));
		}
		else {
			limiter.spend(Limit.SIGN_IN_ACCOUNT, username);
		}
	}

	/**
	 * A right password: the address becomes known to the account, its lockout count ends.
	 */
	void succeeded(String username, @Nullable String remoteAddress) {
		knownAddresses.remember(username, SourceAddress.key(remoteAddress), clock.instant());
		staff.recordSuccess(username);
	}

	private boolean known(String username, String address) {
		return !SourceAddress.UNKNOWN.equals(address)
				&& knownAddresses.known(username, address, clock.instant().minus(settings.knownAddressLifetime()));
	}

	private static String truncated(String username) {
		return username.length() > 64 ? username.substring(0, 64) : username;
	}

}
