package continuum.downtime.sync;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * StaffAccount: who may sign in on the node, with the bcrypt hash the server stores
 * (never a password), the role, whether the account is enabled, and until when it is
 * locked (a lockout runs out without a change in the feed, so sign-in compares
 * {@code lockedUntil} with the clock), and whether it is one of the demo hospital's
 * accounts, which share one password (null when the server does not say).
 */
@Component
class StaffAccountMapper implements RecordMapper {

	@Override
	public String type() {
		return "StaffAccount";
	}

	@Override
	public String table() {
		return "staff_account";
	}

	@Override
	public Map<String, @Nullable Object> columns(SyncRecord record) {
		Boolean enabled = Json.bool(record.data(), "enabled");
		Boolean locked = Json.bool(record.data(), "locked");
		return Columns.of(record)
			.text(record, "username")
			.text(record, "displayName")
			.text(record, "role")
			.put("enabled", enabled != null && enabled)
			.text(record, "passwordHash")
			.put("credentials_version", Json.number(record.data(), "credentialsVersion"))
			.put("locked", locked != null && locked)
			.put("locked_until", Json.instant(record.data(), "lockedUntil"))
			.put("demo", Json.bool(record.data(), "demo"))
			.done();
	}

}
