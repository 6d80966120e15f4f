package continuum.security;

import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

import continuum.audit.Actor;
import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditOutcome;
import continuum.audit.AuditService;
import continuum.platform.ConflictException;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The second factor of web sign-in: an authenticator app's TOTP codes ({@link Totp}) and
 * ten single-use recovery codes. Required of the privileged roles
 * ({@link Role#privileged}) — or of every person, by a setting — and open to everyone
 * else. Enrolment takes a code of the new authenticator; a wrong or reused code at
 * sign-in counts towards the account's lockout like a wrong password. Every enrolment,
 * removal, reset and use is audited as a change of, or a sign-in to, the account; never a
 * secret or a code.
 */
@Service
public class SecondFactorService {

	/** Recovery codes given at each enrolment. */
	public static final int RECOVERY_CODES = 10;

	private static final String PRACTITIONER = "Practitioner";

	private static final String RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

	private static final int RECOVERY_LENGTH = 16;

	private final StaffRepository staff;

	private final SecondFactorRepository factors;

	private final SecondFactorCipher cipher;

	private final SecondFactorSettings settings;

	private final AccessControl access;

	private final AuditService audit;

	private final CurrentUser currentUser;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final SignInLimits limits;

	private final SecureRandom random = new SecureRandom();

	SecondFactorService(StaffRepository staff, SecondFactorRepository factors, SecondFactorCipher cipher,
			SecondFactorSettings settings, AccessControl access, AuditService audit, CurrentUser currentUser,
			ApplicationEventPublisher events, Clock clock, SignInLimits limits) {
		this.limits = limits;
		this.staff = staff;
		this.factors = factors;
		this.cipher = cipher;
		this.settings = settings;
		this.access = access;
		this.audit = audit;
		this.currentUser = currentUser;
		this.events = events;
		this.clock = clock;
	}

	/** What a right password leads to. */
	public enum AfterPassword {

		/** Signed in: no second factor set up, none required. */
		SIGNED_IN,
		/** A code of the account's authenticator (or a recovery code) first. */
		CODE,
		/**
		 * Required but not set up: the user sets up an authenticator before anything
		 * else.
		 */
		ENROL

	}

	/** How a code given at sign-in was taken. */
	public enum Verdict {

		/** The authenticator's code for a step not used before. */
		ACCEPTED,
		/** An unused recovery code, now used up. */
		RECOVERY_CODE_ACCEPTED,
		/** Wrong, used before or out of time: counted towards the lockout. */
		WRONG,
		/** The account is locked or disabled: no code is looked at. */
		REFUSED

	}

	/**
	 * An authenticator being set up: its secret sealed for the account, kept in the web
	 * session until a first code confirms it.
	 */
	public record PendingEnrolment(long accountId, byte[] sealedSecret) implements Serializable {
	}

	/** What the enrolment page shows: the secret in base32 and as an otpauth URI. */
	public record EnrolmentKey(String secret, String uri) {
	}

	/** An account's second factor as its page shows it. */
	public record Status(boolean enrolled, @Nullable Instant enrolledAt, int recoveryCodesLeft, boolean required) {
	}

	@Transactional(readOnly = true)
	public AfterPassword afterPassword(String username) {
		StaffMember member = member(username);
		if (factors.find(member.id()).isPresent()) {
			return AfterPassword.CODE;
		}
		return required(member) ? AfterPassword.ENROL : AfterPassword.SIGNED_IN;
	}

	/** Whether a right password alone does not sign this account in. */
	boolean follows(String username) {
		return staff.credentials(username)
			.map(c -> factors.find(c.member().id()).isPresent() || required(c.member()))
			.orElse(false);
	}

	private boolean required(StaffMember member) {
		return required(member, settings);
	}

	/**
	 * Whether the account must sign in with a second factor: a person (not a system
	 * client) of a privileged role, or any person where the setting says so, unless the
	 * account is exempt.
	 */
	static boolean required(StaffMember member, SecondFactorSettings settings) {
		return member.role() != Role.SYSTEM && (member.role().privileged() || settings.requiredForAll())
				&& !settings.exemptAccounts().contains(member.username());
	}

	@Transactional(readOnly = true)
	public Status status(String username) {
		StaffMember member = member(username);
		Optional<SecondFactorRepository.Authenticator> authenticator = factors.find(member.id());
		return new Status(authenticator.isPresent(), authenticator.map(a -> a.enrolledAt()).orElse(null),
				factors.recoveryCodesLeft(member.id()), required(member));
	}

	/** Whether the account (by id) has a second factor set up. */
	@Transactional(readOnly = true)
	public boolean enrolled(long accountId) {
		return factors.find(accountId).isPresent();
	}

	/** A new secret (160 bits, RFC 4226 §4's recommendation) for the account. */
	public PendingEnrolment begin(String username) {
		byte[] secret = new byte[20];
		random.nextBytes(secret);
		long id = member(username).id();
		return new PendingEnrolment(id, cipher.seal(secret, id));
	}

	/** The secret of a pending enrolment as an authenticator app takes it. */
	public EnrolmentKey key(String username, PendingEnrolment pending) {
		String secret = Base32.encode(cipher.open(pending.sealedSecret(), pending.accountId()));
		String label = URLEncoder.encode("Continuum:" + username, StandardCharsets.UTF_8).replace("+", "%20");
		return new EnrolmentKey(secret, "otpauth://totp/" + label + "?secret=" + secret
				+ "&issuer=Continuum&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.STEP_SECONDS);
	}

	/**
	 * Sets up the pending authenticator if {@code code} is its code now, replacing any
	 * earlier one; answers the new recovery codes, shown once and kept only hashed.
	 */
	@Transactional
	public Optional<List<String>> confirm(String username, PendingEnrolment pending, String code) {
		StaffMember member = member(username);
		if (member.id() != pending.accountId()) {
			throw new IllegalArgumentException("The enrolment is another account's");
		}
		byte[] secret = cipher.open(pending.sealedSecret(), pending.accountId());
		OptionalLong step = Totp.match(secret, code.strip(), clock.instant(), Long.MIN_VALUE);
		if (step.isEmpty()) {
			return Optional.empty();
		}
		boolean replaced = factors.find(member.id()).isPresent();
		List<String> codes = new ArrayList<>();
		List<byte[]> hashes = new ArrayList<>();
		for (int i = 0; i < RECOVERY_CODES; i++) {
			String recovery = recoveryCode();
			codes.add(recovery);
			hashes.add(hash(recovery));
		}
		factors.enrol(member.id(), pending.sealedSecret(), step.getAsLong(), clock.instant(), hashes);
		record(member, AuditAction.UPDATE, AuditOutcome.SUCCESS,
				(replaced ? "second factor replaced" : "second factor set up") + ": authenticator app, "
						+ RECOVERY_CODES + " new recovery codes");
		return Optional.of(codes);
	}

	/**
	 * Checks a code given after the right password: the authenticator's, or one of the
	 * recovery codes. A wrong one counts towards the lockout; a right one clears the
	 * count of failures, as a successful sign-in does. {@code purpose} names what it
	 * opens, for the audit log ("web sign-in", "API token").
	 */
	@Transactional
	public Verdict verify(String username, String code, String purpose) {
		StaffRepository.Credentials credentials = staff.credentials(username).orElseThrow();
		StaffMember member = credentials.member();
		Instant now = clock.instant();
		if (!member.enabled() || credentials.lockedUntil() != null && credentials.lockedUntil().isAfter(now)) {
			return Verdict.REFUSED;
		}
		Verdict verdict = check(member, code, now);
		if (verdict == Verdict.WRONG) {
			events.publishEvent(new AuthenticationFailureBadCredentialsEvent(
					UsernamePasswordAuthenticationToken.unauthenticated(username, null),
					new WrongSecondFactorCodeException()));
			return verdict;
		}
		limits.succeeded(username, currentUser.get().address());
		audit.recordAs(new Actor(username, member.role().name(), currentUser.get().address()),
				new AuditEntry(AuditAction.LOGIN, "Session", null, null, AuditOutcome.SUCCESS,
						purpose + ": second factor, " + (verdict == Verdict.ACCEPTED ? "authenticator code"
								: "recovery code (" + factors.recoveryCodesLeft(member.id()) + " left)")));
		return verdict;
	}

	private Verdict check(StaffMember member, String code, Instant now) {
		Optional<SecondFactorRepository.Authenticator> authenticator = factors.find(member.id());
		if (authenticator.isEmpty()) {
			return Verdict.WRONG;
		}
		String typed = code.strip().replace(" ", "");
		if (typed.length() == Totp.DIGITS) {
			byte[] secret = cipher.open(authenticator.get().sealedSecret(), member.id());
			OptionalLong step = Totp.match(secret, typed, now, authenticator.get().lastStep());
			return step.isPresent() && factors.advance(member.id(), step.getAsLong()) ? Verdict.ACCEPTED
					: Verdict.WRONG;
		}
		String recovery = typed.replace("-", "").toLowerCase(Locale.ROOT);
		return recovery.length() == RECOVERY_LENGTH && factors.useRecoveryCode(member.id(), hash(recovery), now)
				? Verdict.RECOVERY_CODE_ACCEPTED : Verdict.WRONG;
	}

	/**
	 * The signed-in user turns their second factor off, proving it with a code; refused
	 * where it is required. Answers whether the code was right (a wrong one counts
	 * towards the lockout).
	 */
	@Transactional
	public boolean removeOwn(String username, String code) {
		StaffMember member = member(username);
		if (required(member)) {
			throw new ConflictException("A second factor is required of this account: it cannot be turned off");
		}
		Verdict verdict = verify(username, code, "turning the second factor off");
		if (verdict != Verdict.ACCEPTED && verdict != Verdict.RECOVERY_CODE_ACCEPTED) {
			return false;
		}
		factors.remove(member.id());
		record(member, AuditAction.UPDATE, AuditOutcome.SUCCESS, "second factor turned off by its user");
		return true;
	}

	/**
	 * An administrator removes a user's second factor (a lost or stolen phone, no
	 * recovery code left): the user signs in with the password alone, or sets up a new
	 * authenticator at the next sign-in where one is required. A privileged account's
	 * takes a second administrator
	 * ({@link StaffApprovalService#requestSecondFactorReset}).
	 */
	@Transactional
	public void reset(long accountId) {
		access.require(PRACTITIONER, Interaction.UPDATE, Long.toString(accountId), null);
		StaffMember member = staff.findById(accountId)
			.orElseThrow(() -> new StaffNotFoundException("with id " + accountId));
		if (member.role().privileged()) {
			throw new TwoPersonRuleException("resetting the second factor of a " + member.role().name() + " account");
		}
		resetApproved(member, "second factor reset by an administrator; recovery codes removed");
	}

	/** Removes the account's second factor, checked and approved by the caller. */
	void resetApproved(StaffMember member, String detail) {
		if (factors.remove(member.id())) {
			staff.endSessions(member.username());
		}
		record(member, AuditAction.UPDATE, AuditOutcome.SUCCESS, detail);
	}

	/**
	 * Why {@code POST /api/token} refuses a right password of this account, or null: an
	 * account that signs in with a second factor gets a token only with a current code of
	 * its authenticator ({@code otp}; recovery codes are for the web sign-in). A wrong
	 * code counts towards the lockout.
	 */
	@Transactional
	@Nullable String tokenRefusal(String username, @Nullable String otp) {
		AfterPassword next = afterPassword(username);
		if (next == AfterPassword.SIGNED_IN) {
			return null;
		}
		if (next == AfterPassword.ENROL) {
			return "this account needs a second factor: sign in to the web UI and set up an authenticator first";
		}
		if (otp == null || otp.isBlank()) {
			return "this account signs in with a second factor: send the current code of its authenticator as otp";
		}
		if (otp.strip().length() != Totp.DIGITS) {
			return "otp takes the 6-digit code of the authenticator; recovery codes are for the web sign-in";
		}
		Verdict verdict = verify(username, otp, "API token");
		return verdict == Verdict.ACCEPTED ? null : "wrong or used second-factor code, or account locked";
	}

	private void record(StaffMember member, AuditAction action, AuditOutcome outcome, String detail) {
		ActingUser user = currentUser.get();
		AuditEntry entry = new AuditEntry(action, PRACTITIONER, Long.toString(member.id()), null, outcome, detail);
		if (user.signedIn()) {
			audit.record(entry);
		}
		else {
			// Setting up at sign-in, before the session is signed in: the account acts.
			audit.recordAs(new Actor(member.username(), member.role().name(), user.address()), entry);
		}
	}

	private StaffMember member(String username) {
		return staff.credentials(username).orElseThrow(() -> new StaffNotFoundException("named " + username)).member();
	}

	private String recoveryCode() {
		StringBuilder code = new StringBuilder();
		for (int i = 0; i < RECOVERY_LENGTH; i++) {
			if (i > 0 && i % 4 == 0) {
				code.append('-');
			}
			code.append(RECOVERY_ALPHABET.charAt(random.nextInt(RECOVERY_ALPHABET.length())));
		}
		return code.toString();
	}

	private static byte[] hash(String recoveryCode) {
		try {
			return MessageDigest.getInstance("SHA-256")
				.digest(recoveryCode.replace("-", "").getBytes(StandardCharsets.US_ASCII));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
