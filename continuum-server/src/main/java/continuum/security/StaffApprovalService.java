package continuum.security;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditOutcome;
import continuum.audit.AuditService;
import continuum.platform.ConflictException;
import continuum.platform.InvalidInputException;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The two-person rule for the most powerful acts: creating or re-enabling a privileged
 * account ({@link Role#privileged}), resetting its password or its second factor. One
 * administrator requests the act; another approves it (and it is carried out at once, as
 * the approver) or rejects it, before it expires ({@link StaffApprovalSettings}); the
 * requester may withdraw it, never approve it. A requested password is kept only as its
 * hash, and only until the decision. Every request, decision and refused decision is
 * audited as a {@code StaffApproval}; the act itself as the change of the account it is.
 */
@Service
public class StaffApprovalService {

	static final String STAFF_APPROVAL = "StaffApproval";

	private static final String PRACTITIONER = "Practitioner";

	private final StaffApprovalRepository approvals;

	private final StaffRepository accounts;

	private final StaffService staff;

	private final SecondFactorService secondFactors;

	private final PasswordEncoder passwords;

	private final AccessControl access;

	private final AuditService audit;

	private final CurrentUser currentUser;

	private final StaffApprovalSettings settings;

	private final Clock clock;

	StaffApprovalService(StaffApprovalRepository approvals, StaffRepository accounts, StaffService staff,
			SecondFactorService secondFactors, PasswordEncoder passwords, AccessControl access, AuditService audit,
			CurrentUser currentUser, StaffApprovalSettings settings, Clock clock) {
		this.approvals = approvals;
		this.accounts = accounts;
		this.staff = staff;
		this.secondFactors = secondFactors;
		this.passwords = passwords;
		this.access = access;
		this.audit = audit;
		this.currentUser = currentUser;
		this.settings = settings;
		this.clock = clock;
	}

	/** Requests a new privileged account; its password is checked as a direct one is. */
	@Transactional
	public StaffApproval requestCreate(NewStaffMember member, boolean changeRequired) {
		access.require(PRACTITIONER, Interaction.CREATE, null, null);
		requirePrivileged(member.role());
		String problem = PasswordRule.problem(member.password(), member.username());
		if (problem != null) {
			throw new InvalidInputException(problem);
		}
		if (accounts.exists(member.username())) {
			throw new ConflictException("The username " + member.username() + " is already taken");
		}
		return request(StaffApproval.Act.CREATE_ACCOUNT, null, member.username(), member.role(), member,
				passwords.encode(member.password()), changeRequired);
	}

	/** Requests that a disabled privileged account may sign in again. */
	@Transactional
	public StaffApproval requestEnable(long accountId) {
		StaffMember member = privileged(accountId);
		if (member.enabled()) {
			throw new ConflictException("The account " + member.username() + " is enabled already");
		}
		return request(StaffApproval.Act.ENABLE_ACCOUNT, accountId, member.username(), member.role(), null, null,
				false);
	}

	/** Requests a new password for a privileged account. */
	@Transactional
	public StaffApproval requestPasswordReset(long accountId, String password, boolean changeRequired) {
		StaffMember member = privileged(accountId);
		String problem = PasswordRule.problem(password, member.username());
		if (problem != null) {
			throw new InvalidInputException(problem);
		}
		return request(StaffApproval.Act.RESET_PASSWORD, accountId, member.username(), member.role(), null,
				passwords.encode(password), changeRequired);
	}

	/** Requests the removal of a privileged account's second factor. */
	@Transactional
	public StaffApproval requestSecondFactorReset(long accountId) {
		StaffMember member = privileged(accountId);
		return request(StaffApproval.Act.RESET_SECOND_FACTOR, accountId, member.username(), member.role(), null, null,
				false);
	}

	/** The open requests first, then the newest decided or expired ones. */
	@Transactional
	public List<StaffApproval> recent(int limit) {
		access.require(PRACTITIONER, Interaction.UPDATE, null, null);
		approvals.forgetExpiredPasswords(clock.instant());
		return approvals.recent(clock.instant(), limit);
	}

	/**
	 * Approves an open request of another administrator and carries it out, as the
	 * approver, in the same transaction. A requester's own approval, an expired or
	 * decided request are refused (and the refusal audited).
	 */
	@Transactional
	public StaffApproval approve(long requestId) {
		StaffApprovalRepository.Request request = open(requestId);
		StaffApproval approval = request.approval();
		String approver = currentUser.get().username();
		if (approval.requestedBy().equals(approver)) {
			refuse(approval, "its requester cannot approve it");
		}
		String approved = "approved by " + approver + ", requested by " + approval.requestedBy() + " (request "
				+ approval.id() + ")";
		switch (approval.act()) {
			case CREATE_ACCOUNT -> {
				try {
					staff.createApproved(approval.username(), approval.role(), request.familyName(),
							request.givenName(), request.prefix(), request.passwordHash(), request.changeRequired(),
							approved);
				}
				catch (DuplicateKeyException ex) {
					throw new ConflictException("The username " + approval.username() + " was taken meanwhile");
				}
			}
			case ENABLE_ACCOUNT -> staff.enableApproved(target(approval), approved);
			case RESET_PASSWORD -> staff.resetPasswordApproved(target(approval), request.passwordHash(),
					request.changeRequired(), approved);
			case RESET_SECOND_FACTOR -> secondFactors.resetApproved(target(approval),
					"second factor reset; recovery codes removed; " + approved);
		}
		return decide(approval, StaffApproval.Decision.APPROVED, "approved and carried out: ");
	}

	/**
	 * Rejects an open request (another administrator), or withdraws it (its requester):
	 * nothing is done.
	 */
	@Transactional
	public StaffApproval reject(long requestId) {
		StaffApproval approval = open(requestId).approval();
		boolean own = approval.requestedBy().equals(currentUser.get().username());
		return own ? decide(approval, StaffApproval.Decision.WITHDRAWN, "withdrawn by its requester: ")
				: decide(approval, StaffApproval.Decision.REJECTED, "rejected: ");
	}

	private StaffApproval request(StaffApproval.Act act, @Nullable Long accountId, String username, Role role,
			@Nullable NewStaffMember member, @Nullable String passwordHash, boolean changeRequired) {
		Instant now = clock.instant();
		long id = approvals.insert(act, accountId, username, role, member, passwordHash, changeRequired,
				currentUser.get().username(), now, now.plus(settings.lifetime()));
		StaffApproval approval = approvals.lock(id).orElseThrow().approval();
		audit.record(new AuditEntry(AuditAction.CREATE, STAFF_APPROVAL, Long.toString(id), null, AuditOutcome.SUCCESS,
				"requested: " + approval.describe() + "; expires " + approval.expiresAt()));
		return approval;
	}

	private StaffApprovalRepository.Request open(long requestId) {
		access.require(PRACTITIONER, Interaction.UPDATE, null, null);
		StaffApprovalRepository.Request request = approvals.lock(requestId)
			.orElseThrow(() -> new StaffNotFoundException("approval request " + requestId));
		StaffApproval approval = request.approval();
		if (approval.decision() != null) {
			refuse(approval, "already " + approval.decision().name().toLowerCase(java.util.Locale.ROOT) + " by "
					+ approval.decidedBy());
		}
		if (!approval.open(clock.instant())) {
			refuse(approval, "expired at " + approval.expiresAt());
		}
		return request;
	}

	private StaffApproval decide(StaffApproval approval, StaffApproval.Decision decision, String words) {
		approvals.decide(approval.id(), decision, currentUser.get().username(), clock.instant());
		audit.record(new AuditEntry(AuditAction.UPDATE, STAFF_APPROVAL, Long.toString(approval.id()), null,
				AuditOutcome.SUCCESS, words + approval.describe() + "; requested by " + approval.requestedBy()));
		return approvals.lock(approval.id()).orElseThrow().approval();
	}

	private void refuse(StaffApproval approval, String why) {
		audit.recordDenial(new AuditEntry(AuditAction.UPDATE, STAFF_APPROVAL, Long.toString(approval.id()), null,
				AuditOutcome.DENIED, "decision refused: " + why + "; " + approval.describe()));
		throw new ConflictException("Request " + approval.id() + " cannot be decided: " + why);
	}

	private StaffMember privileged(long accountId) {
		access.require(PRACTITIONER, Interaction.UPDATE, Long.toString(accountId), null);
		StaffMember member = accounts.findById(accountId)
			.orElseThrow(() -> new StaffNotFoundException("with id " + accountId));
		requirePrivileged(member.role());
		return member;
	}

	private StaffMember target(StaffApproval approval) {
		return accounts.findById(approval.accountId()).orElseThrow();
	}

	private static void requirePrivileged(Role role) {
		if (!role.privileged()) {
			throw new InvalidInputException(
					"Only acts on privileged accounts (" + role.name() + " is not one) take a second administrator");
		}
	}

}
