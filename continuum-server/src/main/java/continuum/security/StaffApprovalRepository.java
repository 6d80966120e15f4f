package continuum.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The requests of the two-person rule. */
@Repository
class StaffApprovalRepository {

	/**
	 * A request with what carrying it out takes: the new account's names, the requested
	 * password's hash (until decided) and whether its user must change it.
	 */
	record Request(StaffApproval approval, @Nullable String familyName, @Nullable String givenName,
			@Nullable String prefix, @Nullable String passwordHash, boolean changeRequired) {
	}

	private final JdbcClient jdbc;

	StaffApprovalRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long insert(StaffApproval.Act act, @Nullable Long accountId, String username, Role role,
			@Nullable NewStaffMember member, @Nullable String passwordHash, boolean changeRequired, String requestedBy,
			Instant at, Instant expires) {
		return jdbc.sql("""
				insert into staff_approval (act, account_id, username, role, family_name, given_name, prefix,
				                            password_hash, password_change_required, requested_by, requested_at,
				                            expires_at)
				values (:act, :account, :username, :role, :family, :given, :prefix, :hash, :required, :by, :at,
				        :expires)
				returning id""")
			.param("act", act.name())
			.param("account", accountId)
			.param("username", username)
			.param("role", role.name())
			.param("family", member == null ? null : member.familyName())
			.param("given", member == null ? null : member.givenName())
			.param("prefix", member == null ? null : member.prefix())
			.param("hash", passwordHash)
			.param("required", changeRequired)
			.param("by", requestedBy)
			.param("at", Timestamp.from(at))
			.param("expires", Timestamp.from(expires))
			.query(Long.class)
			.single();
	}

	/** The request, locked until the deciding transaction ends. */
	Optional<Request> lock(long id) {
		return jdbc.sql("select * from staff_approval where id = :id for update")
			.param("id", id)
			.query((rs, n) -> new Request(map(rs), rs.getString("family_name"), rs.getString("given_name"),
					rs.getString("prefix"), rs.getString("password_hash"), rs.getBoolean("password_change_required")))
			.optional();
	}

	/** The open requests first, then the newest decided or expired ones. */
	List<StaffApproval> recent(Instant now, int limit) {
		return jdbc.sql("""
				select * from staff_approval
				order by (decision is null and expires_at > :now) desc, requested_at desc, id desc limit :limit""")
			.param("now", Timestamp.from(now))
			.param("limit", limit)
			.query((rs, n) -> map(rs))
			.list();
	}

	/** Records the decision and drops the requested password's hash. */
	void decide(long id, StaffApproval.Decision decision, String by, Instant at) {
		jdbc.sql("""
				update staff_approval set decision = :decision, decided_by = :by, decided_at = :at,
				    password_hash = null
				where id = :id""")
			.param("decision", decision.name())
			.param("by", by)
			.param("at", Timestamp.from(at))
			.param("id", id)
			.update();
	}

	/** Drops the password hashes of requests that expired undecided. */
	void forgetExpiredPasswords(Instant now) {
		jdbc.sql("""
				update staff_approval set password_hash = null
				where decision is null and expires_at <= :now and password_hash is not null""")
			.param("now", Timestamp.from(now))
			.update();
	}

	private static StaffApproval map(ResultSet rs) throws SQLException {
		long account = rs.getLong("account_id");
		Long accountId = rs.wasNull() ? null : account;
		Timestamp decided = rs.getTimestamp("decided_at");
		String decision = rs.getString("decision");
		return new StaffApproval(rs.getLong("id"), StaffApproval.Act.valueOf(rs.getString("act")), accountId,
				rs.getString("username"), Role.valueOf(rs.getString("role")), rs.getString("requested_by"),
				rs.getTimestamp("requested_at").toInstant(), rs.getTimestamp("expires_at").toInstant(),
				decision == null ? null : StaffApproval.Decision.valueOf(decision), rs.getString("decided_by"),
				decided == null ? null : decided.toInstant());
	}

}
