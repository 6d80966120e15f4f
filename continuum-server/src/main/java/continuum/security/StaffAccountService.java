package continuum.security;

import java.time.Clock;
import java.util.Collection;
import java.util.List;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditOutcome;
import continuum.audit.AuditService;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff accounts with their password hashes, for downtime nodes that sign staff in when
 * the server is down: to system accounts ({@link Role#SYSTEM}) only, whatever else a role
 * may read; a refusal is audited. Each call is audited once, naming how many accounts it
 * gave out. Pages go by id (keyset), so a large staff is read without offsets.
 */
@Service
public class StaffAccountService {

	/** The resource type of accounts in the change feed and the downtime protocol. */
	public static final String STAFF_ACCOUNT = "StaffAccount";

	private final StaffRepository staff;

	private final CurrentUser currentUser;

	private final AuditService audit;

	private final Clock clock;

	StaffAccountService(StaffRepository staff, CurrentUser currentUser, AuditService audit, Clock clock) {
		this.staff = staff;
		this.currentUser = currentUser;
		this.audit = audit;
		this.clock = clock;
	}

	/** Up to {@code limit} accounts with an id above {@code afterId}, in id order. */
	@Transactional
	public List<StaffAccount> accountsAfter(long afterId, int limit) {
		requireSystem();
		List<StaffAccount> accounts = staff.accountsAfter(afterId, limit, clock.instant());
		audited(accounts.size() + " accounts after id " + afterId);
		return accounts;
	}

	/** The accounts with these ids that exist, in id order. */
	@Transactional
	public List<StaffAccount> accounts(Collection<Long> ids) {
		requireSystem();
		List<StaffAccount> accounts = ids.isEmpty() ? List.of() : staff.accounts(ids, clock.instant());
		audited(accounts.size() + " accounts of " + ids.size() + " ids asked");
		return accounts;
	}

	private void requireSystem() {
		if (currentUser.get().role() != Role.SYSTEM) {
			audit.recordDenial(AuditEntry.denied(AuditAction.EXPORT, STAFF_ACCOUNT, null, null,
					"password hashes go to system accounts only"));
			throw new AccessDeniedException("Only system accounts may read staff accounts' credentials");
		}
	}

	private void audited(String detail) {
		audit.record(new AuditEntry(AuditAction.EXPORT, STAFF_ACCOUNT, null, null, AuditOutcome.SUCCESS,
				"downtime export: " + detail));
	}

}
