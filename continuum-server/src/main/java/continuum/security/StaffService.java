package continuum.security;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditOutcome;
import continuum.audit.AuditService;
import continuum.changes.ChangeFeed;
import continuum.changes.ChangeOperation;
import continuum.fhir.SearchControls;
import continuum.platform.ConflictException;
import continuum.platform.InvalidInputException;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff accounts: creation, password resets, unlocking and disabling (by admins; the demo
 * seeder and the first administrator without a check), each user's change of their own
 * password, and lookup (as FHIR Practitioners). Every change of an account is audited as
 * a change of its Practitioner, with no password in the record, and goes to the change
 * feed as a change of its StaffAccount ({@link StaffAccountService}).
 */
@Service
public class StaffService {

	private static final String PRACTITIONER = "Practitioner";

	private final StaffRepository staff;

	private final PasswordEncoder passwords;

	private final AccessControl access;

	private final AuditService audit;

	private final Clock clock;

	private final TokenService tokens;

	private final CurrentUser currentUser;

	private final ChangeFeed changes;

	private final SignInLimits signInLimits;

	StaffService(StaffRepository staff, PasswordEncoder passwords, AccessControl access, AuditService audit,
			Clock clock, TokenService tokens, CurrentUser currentUser, ChangeFeed changes, SignInLimits signInLimits) {
		this.signInLimits = signInLimits;
		this.currentUser = currentUser;
		this.changes = changes;
		this.tokens = tokens;
		this.audit = audit;
		this.clock = clock;
		this.staff = staff;
		this.passwords = passwords;
		this.access = access;
	}

	/**
	 * Creates an account without an access check, for tests and tools that build their
	 * own staff; its password is held only to its length, not to {@link PasswordRule}.
	 */
	@Transactional
	public StaffMember createInitial(NewStaffMember member) {
		return createInitial(member, false);
	}

	/**
	 * Creates an account without an access check (the first-start admin), whose user must
	 * choose their own password at the first sign-in if {@code changeRequired}.
	 */
	@Transactional
	public StaffMember createInitial(NewStaffMember member, boolean changeRequired) {
		return insert(member, changeRequired, false);
	}

	/**
	 * Creates a demo hospital's account (the demo seeders), flagged as such: its password
	 * is the one every demo account shares.
	 */
	@Transactional
	public StaffMember createDemo(NewStaffMember member) {
		return insert(member, false, true);
	}

	/**
	 * Whether the account is one of the demo hospital's (shown as such in the web UI).
	 */
	@Transactional(readOnly = true)
	public boolean isDemoAccount(String username) {
		return staff.isDemo(username);
	}

	/**
	 * A new account (admins); a username already taken is a {@link ConflictException}.
	 * With {@code changeRequired}, its user must choose their own password at the first
	 * sign-in, before anything else.
	 */
	@Transactional
	public StaffMember create(NewStaffMember member, boolean changeRequired) {
		access.require(PRACTITIONER, Interaction.CREATE, null, null);
		if (member.role().privileged()) {
			throw new TwoPersonRuleException("creating a " + member.role().name() + " account");
		}
		requireAcceptable(member.password(), member.username());
		StaffMember created;
		try {
			created = insert(member, changeRequired, false);
		}
		catch (DuplicateKeyException ex) {
			throw new ConflictException("The username " + member.username() + " is already taken");
		}
		changed(AuditAction.CREATE, created, "account created with role " + created.role().name()
				+ (changeRequired ? "; password to be changed at first sign-in" : ""));
		return created;
	}

	private StaffMember insert(NewStaffMember member, boolean changeRequired, boolean demo) {
		long id = staff.insert(member, passwords.encode(member.password()), changeRequired, demo);
		changes.append(StaffAccountService.STAFF_ACCOUNT, Long.toString(id), null, ChangeOperation.CREATE);
		return staff.findById(id).orElseThrow();
	}

	/**
	 * Sets a new password, chosen by an admin for someone who forgot theirs (or whose
	 * password leaked), and lifts a lockout with it. What the old password opened ends:
	 * the account's web sessions (but {@code keptSessionId}, the caller's own) and its
	 * API tokens. With {@code changeRequired}, the user must choose their own at the next
	 * sign-in.
	 */
	@Transactional
	public StaffMember resetPassword(long id, String password, boolean changeRequired, @Nullable String keptSessionId) {
		StaffMember member = forUpdate(id);
		if (member.role().privileged()) {
			throw new TwoPersonRuleException("resetting the password of a " + member.role().name() + " account");
		}
		requireAcceptable(password, member.username());
		staff.setPassword(id, passwords.encode(password), changeRequired);
		staff.endSessions(member.username(), keptSessionId);
		tokens.forget(member.username());
		changed(AuditAction.UPDATE, member, "password reset by an administrator; lockout lifted; sessions and tokens "
				+ "ended" + (changeRequired ? "; to be changed at next sign-in" : ""));
		return member;
	}

	/**
	 * Creates a privileged account whose creation a second administrator approved
	 * ({@link StaffApprovalService}), with the password hashed at the request.
	 */
	StaffMember createApproved(String username, Role role, String familyName, String givenName, @Nullable String prefix,
			String passwordHash, boolean changeRequired, String approval) {
		long id = staff.insert(username, role, familyName, givenName, prefix, passwordHash, changeRequired, false);
		changes.append(StaffAccountService.STAFF_ACCOUNT, Long.toString(id), null, ChangeOperation.CREATE);
		StaffMember created = staff.findById(id).orElseThrow();
		changed(AuditAction.CREATE, created, "account created with role " + role.name()
				+ (changeRequired ? "; password to be changed at first sign-in" : "") + "; " + approval);
		return created;
	}

	/** Enables a privileged account again, as a second administrator approved. */
	void enableApproved(StaffMember member, String approval) {
		staff.setEnabled(member.id(), true, clock.instant());
		changed(AuditAction.UPDATE, member, "account enabled; " + approval);
	}

	/**
	 * Sets the password of a privileged account hashed at the request, as a second
	 * administrator approved: its sessions and tokens end.
	 */
	void resetPasswordApproved(StaffMember member, String passwordHash, boolean changeRequired, String approval) {
		staff.setPassword(member.id(), passwordHash, changeRequired);
		staff.endSessions(member.username());
		tokens.forget(member.username());
		changed(AuditAction.UPDATE, member, "password reset by an administrator; lockout lifted; sessions and tokens "
				+ "ended" + (changeRequired ? "; to be changed at next sign-in" : "") + "; " + approval);
	}

	/** How a user's change of their own password went. */
	public enum PasswordChange {

		/** Changed; the account's other sessions and its tokens ended. */
		CHANGED,
		/** The current password given was wrong (counted towards the lockout). */
		WRONG_CURRENT_PASSWORD,
		/** The new password is the current one. */
		SAME_PASSWORD,
		/** The account is locked after repeated failures. */
		LOCKED

	}

	/**
	 * The signed-in user replaces their own password, proving the current one (a wrong
	 * one counts as a failed sign-in, {@link SignInLimits}: towards the lockout from an
	 * address the account signed in from, so that an unattended session cannot be used to
	 * guess it). Ends the account's other web sessions and its API tokens.
	 */
	@Transactional
	public PasswordChange changeOwnPassword(String currentPassword, String newPassword,
			@Nullable String keptSessionId) {
		String username = currentUsername();
		if (username == null) {
			throw new IllegalStateException("No signed-in user");
		}
		StaffRepository.Credentials credentials = staff.credentials(username).orElseThrow();
		StaffMember member = credentials.member();
		if (credentials.lockedUntil() != null && credentials.lockedUntil().isAfter(clock.instant())) {
			return PasswordChange.LOCKED;
		}
		if (!passwords.matches(currentPassword, credentials.passwordHash())) {
			signInLimits.failed(username, currentUser.get().address());
			audit.record(new AuditEntry(AuditAction.UPDATE, PRACTITIONER, Long.toString(member.id()), null,
					AuditOutcome.DENIED, "own password change: current password wrong"));
			return PasswordChange.WRONG_CURRENT_PASSWORD;
		}
		requireAcceptable(newPassword, username);
		if (newPassword.equals(currentPassword)) {
			return PasswordChange.SAME_PASSWORD;
		}
		staff.setPassword(member.id(), passwords.encode(newPassword), false);
		staff.endSessions(username, keptSessionId);
		tokens.forget(username);
		changed(AuditAction.UPDATE, member, "password changed by its user; other sessions and tokens ended");
		return PasswordChange.CHANGED;
	}

	/**
	 * Ends the signed-in user's other web sessions and every API token they hold, on
	 * every node (a session left open on a ward computer, a token copied somewhere). The
	 * session with {@code keptSessionId}, the caller's own, goes on.
	 */
	@Transactional
	public void endOtherSessions(@Nullable String keptSessionId) {
		String username = currentUsername();
		if (username == null) {
			throw new IllegalStateException("No signed-in user");
		}
		StaffMember member = staff.credentials(username).orElseThrow().member();
		staff.endTokens(member.id());
		staff.endSessions(username, keptSessionId);
		tokens.forget(username);
		changed(AuditAction.UPDATE, member, "signed out everywhere else by its user: other sessions and tokens ended");
	}

	/**
	 * Whether the signed-in user must choose their own password before anything else (an
	 * administrator chose the current one).
	 */
	@Transactional(readOnly = true)
	public boolean passwordChangeRequired(String username) {
		return staff.credentials(username).map(StaffRepository.Credentials::changeRequired).orElse(false);
	}

	private static void requireAcceptable(@Nullable String password, String username) {
		String problem = PasswordRule.problem(password, username);
		if (problem != null) {
			throw new InvalidInputException(problem);
		}
	}

	/** Lifts a lockout after repeated failed sign-ins before it runs out. */
	@Transactional
	public StaffMember unlock(long id) {
		StaffMember member = forUpdate(id);
		staff.recordSuccess(member.username());
		changed(AuditAction.UPDATE, member, "lockout lifted by an administrator");
		return member;
	}

	/**
	 * Disables an account (someone left, or a password leaked) or enables it again. A
	 * disabled account cannot sign in or obtain tokens, and its web sessions end at once;
	 * the API tokens it already holds are refused at once on this node and within
	 * {@link TokenService#ACCOUNT_RECHECK} on the others. Admins cannot disable their own
	 * account, so that a hospital is never left without one.
	 */
	@Transactional
	public StaffMember setEnabled(long id, boolean enabled) {
		StaffMember member = forUpdate(id);
		if (!enabled && member.username().equals(currentUsername())) {
			throw new ConflictException("You cannot disable your own account");
		}
		if (enabled && !member.enabled() && member.role().privileged()) {
			throw new TwoPersonRuleException("enabling a " + member.role().name() + " account again");
		}
		if (member.enabled() != enabled) {
			staff.setEnabled(id, enabled, clock.instant());
			if (!enabled) {
				staff.endSessions(member.username());
				tokens.forget(member.username());
			}
			changed(AuditAction.UPDATE, member, enabled ? "account enabled" : "account disabled, sessions ended");
		}
		return staff.findById(id).orElseThrow();
	}

	/** Whether the account is locked now after repeated failed sign-ins. */
	@Transactional(readOnly = true)
	public boolean isLocked(long id) {
		StaffMember member = get(id);
		Instant until = staff.credentials(member.username()).orElseThrow().lockedUntil();
		return until != null && until.isAfter(clock.instant());
	}

	private StaffMember forUpdate(long id) {
		access.require(PRACTITIONER, Interaction.UPDATE, Long.toString(id), null);
		return staff.findById(id).orElseThrow(() -> new StaffNotFoundException("with id " + id));
	}

	/**
	 * Audits a change of an account and, for one that existed before, appends it to the
	 * change feed (a new account is appended as it is inserted): downtime nodes sign
	 * staff in with what the feed brings them, so a new password, a disabled account or a
	 * lifted lockout must reach them.
	 */
	private void changed(AuditAction action, StaffMember member, String detail) {
		audit.record(
				new AuditEntry(action, PRACTITIONER, Long.toString(member.id()), null, AuditOutcome.SUCCESS, detail));
		if (action != AuditAction.CREATE) {
			changes.append(StaffAccountService.STAFF_ACCOUNT, Long.toString(member.id()), null, ChangeOperation.UPDATE);
		}
	}

	/** The signed-in user's username, or null. */
	private @Nullable String currentUsername() {
		ActingUser user = currentUser.get();
		return user.signedIn() ? user.username() : null;
	}

	@Transactional(readOnly = true)
	public boolean exists(String username) {
		return staff.exists(username);
	}

	/**
	 * The role of the account named so, if there is one: for records that name a user
	 * without a role (a downtime node's break-the-glass).
	 */
	@Transactional(readOnly = true)
	public java.util.Optional<Role> roleOf(String username) {
		return staff.role(username);
	}

	@Transactional(readOnly = true)
	public StaffMember get(long id) {
		access.require(PRACTITIONER, Interaction.READ, Long.toString(id), null);
		return staff.findById(id).orElseThrow(() -> new StaffNotFoundException("with id " + id));
	}

	@Transactional(readOnly = true)
	public List<StaffMember> search(@Nullable String name, @Nullable Role role, int limit, int offset) {
		access.require(PRACTITIONER, Interaction.SEARCH, null, null);
		return staff.search(name, role, limit, offset);
	}

	/**
	 * Staff as FHIR Practitioners: by name (contains), username and the parameters every
	 * type has ({@code _id}, {@code _lastUpdated}, {@code _sort} by {@code name}); a page
	 * in name order unless sorted otherwise.
	 */
	@Transactional(readOnly = true)
	public List<StaffMember> practitioners(@Nullable String name, @Nullable String username, SearchControls controls,
			int limit, int offset) {
		access.require(PRACTITIONER, Interaction.SEARCH, null, null);
		return staff.practitioners(name, username, controls, Math.max(0, limit), Math.max(0, offset));
	}

	/** How many staff {@link #practitioners} matches in all. */
	@Transactional(readOnly = true)
	public int countPractitioners(@Nullable String name, @Nullable String username, SearchControls controls) {
		access.require(PRACTITIONER, Interaction.SEARCH, null, null);
		return staff.countPractitioners(name, username, controls);
	}

}
