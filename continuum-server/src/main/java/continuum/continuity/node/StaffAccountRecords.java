package continuum.continuity.node;

import java.util.List;

import continuum.security.StaffAccount;
import continuum.security.StaffAccountService;
import org.springframework.stereotype.Component;

/**
 * Staff accounts with their password hashes as stored, for nodes that sign staff in
 * without the server; {@link StaffAccountService} gives them to system accounts only.
 */
@Component
class StaffAccountRecords extends IdRecords<StaffAccount> {

	private final StaffAccountService accounts;

	StaffAccountRecords(StaffAccountService accounts) {
		this.accounts = accounts;
	}

	@Override
	public String type() {
		return StaffAccountService.STAFF_ACCOUNT;
	}

	@Override
	List<StaffAccount> after(long afterId, int limit) {
		return accounts.accountsAfter(afterId, limit);
	}

	@Override
	List<StaffAccount> withIds(List<Long> ids) {
		return accounts.accounts(ids);
	}

	@Override
	long id(StaffAccount row) {
		return row.id();
	}

	@Override
	DowntimeRecord record(StaffAccount a) {
		return DowntimeRecord.of(type(), Long.toString(a.id()), null,
				RecordData.of("username", a.username(), "displayName", a.displayName(), "role", a.role().demoUsername(),
						"enabled", a.enabled(), "passwordHash", a.passwordHash(), "credentialsVersion",
						a.credentialsVersion(), "locked", a.locked(), "lockedUntil", a.lockedUntil(), "demo",
						a.demo()));
	}

}
