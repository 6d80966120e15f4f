package continuum.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import continuum.fhir.SearchControls;
import continuum.fhir.SearchSql;
import continuum.platform.LikePattern;
import org.jspecify.annotations.Nullable;
import continuum.changes.StatementChange;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class StaffRepository {

	/** An account with the fields only login needs. */
	/**
	 * What signing in checks: the password's hash, the lockout, the version of the
	 * credentials (counted up by every new password) and whether the user must choose a
	 * new password first.
	 */
	record Credentials(StaffMember member, String passwordHash, int failedAttempts, @Nullable Instant lockedUntil,
			int version, boolean changeRequired) {
	}

	private final JdbcClient jdbc;

	StaffRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long insert(NewStaffMember member, String passwordHash, boolean changeRequired, boolean demo) {
		return insert(member.username(), member.role(), member.familyName(), member.givenName(), member.prefix(),
				passwordHash, changeRequired, demo);
	}

	long insert(String username, Role role, String familyName, String givenName, @Nullable String prefix,
			String passwordHash, boolean changeRequired, boolean demo) {
		return jdbc.sql("""
				insert into app_user (username, password_hash, role, family_name, given_name, prefix,
				                      password_change_required, demo)
				values (:username, :hash, :role, :family, :given, :prefix, :required, :demo) returning id""")
			.param("required", changeRequired)
			.param("demo", demo)
			.param("username", username)
			.param("hash", passwordHash)
			.param("role", role.name())
			.param("family", familyName)
			.param("given", givenName)
			.param("prefix", prefix)
			.query(Long.class)
			.single();
	}

	Optional<Credentials> credentials(String username) {
		return jdbc.sql("select * from app_user where username = :username")
			.param("username", username)
			.query((rs, n) -> new Credentials(map(rs), rs.getString("password_hash"), rs.getInt("failed_attempts"),
					rs.getTimestamp("locked_until") == null ? null : rs.getTimestamp("locked_until").toInstant(),
					rs.getInt("credentials_version"), rs.getBoolean("password_change_required")))
			.optional();
	}

	Optional<StaffMember> findById(long id) {
		return jdbc.sql("select * from app_user where id = :id").param("id", id).query((rs, n) -> map(rs)).optional();
	}

	List<StaffMember> search(@Nullable String name, @Nullable Role role, int limit, int offset) {
		return jdbc.sql("""
				select * from app_user
				where (cast(:name as varchar) is null
				       or lower(family_name || ' ' || given_name) like lower(:name))
				  and (cast(:role as varchar) is null or role = :role)
				order by family_name, given_name, id limit :limit offset :offset""")
			.param("name", name == null ? null : LikePattern.containing(name))
			.param("role", role == null ? null : role.name())
			.param("limit", limit)
			.param("offset", offset)
			.query((rs, n) -> map(rs))
			.list();
	}

	/** The account table as the parameters every FHIR type has read it (Practitioner). */
	private static final SearchSql.Columns PRACTITIONER_COLUMNS = new SearchSql.Columns("id", "updated_at", null,
			Map.of("name", "lower(family_name || ' ' || given_name)"));

	private static final String PRACTITIONERS = """
			from app_user
			where (cast(:name as varchar) is null
			       or lower(family_name || ' ' || given_name) like lower(:name))
			  and (cast(:username as varchar) is null or username = :username)
			""";

	/**
	 * Staff as FHIR Practitioners: by name (contains), username and the parameters every
	 * type has ({@code _id}, {@code _lastUpdated}, {@code _sort}), in name order unless
	 * sorted otherwise.
	 */
	List<StaffMember> practitioners(@Nullable String name, @Nullable String username, SearchControls controls,
			int limit, int offset) {
		Map<String, Object> common = new HashMap<>();
		String from = practitionersFrom(controls, common);
		return jdbc
			.sql("select * " + from + " order by "
					+ SearchSql.orderBy(controls, PRACTITIONER_COLUMNS, "family_name, given_name, id")
					+ " limit :limit offset :offset")
			.params(common)
			.param("name", name == null ? null : LikePattern.containing(name))
			.param("username", username)
			.param("limit", limit)
			.param("offset", offset)
			.query((rs, n) -> map(rs))
			.list();
	}

	int countPractitioners(@Nullable String name, @Nullable String username, SearchControls controls) {
		Map<String, Object> common = new HashMap<>();
		return jdbc.sql("select count(*) " + practitionersFrom(controls, common))
			.params(common)
			.param("name", name == null ? null : LikePattern.containing(name))
			.param("username", username)
			.query(Integer.class)
			.single();
	}

	private static String practitionersFrom(SearchControls controls, Map<String, Object> common) {
		List<String> conditions = SearchSql.conditions(controls, PRACTITIONER_COLUMNS, common);
		return conditions.isEmpty() ? PRACTITIONERS
				: PRACTITIONERS + "  and " + String.join(" and ", conditions) + "\n";
	}

	/**
	 * A new password, which lifts any lockout and counts the credentials' version up (so
	 * that tokens issued before are refused); {@code changeRequired} when someone other
	 * than the user chose it.
	 */
	void setPassword(long id, String passwordHash, boolean changeRequired) {
		jdbc.sql("""
				update app_user set password_hash = :hash, failed_attempts = 0, locked_until = null,
				    credentials_version = credentials_version + 1, password_change_required = :required
				where id = :id""")
			.param("hash", passwordHash)
			.param("required", changeRequired)
			.param("id", id)
			.update();
	}

	/**
	 * Counts the credentials' version up without a new password: every token issued so
	 * far ends.
	 */
	void endTokens(long id) {
		jdbc.sql("update app_user set credentials_version = credentials_version + 1 where id = :id")
			.param("id", id)
			.update();
	}

	void setEnabled(long id, boolean enabled, Instant at) {
		jdbc.sql("update app_user set enabled = :enabled, updated_at = :at where id = :id")
			.param("at", Timestamp.from(at))
			.param("enabled", enabled)
			.param("id", id)
			.update();
	}

	/** Ends the account's web sessions (kept in PostgreSQL by Spring Session). */
	void endSessions(String username) {
		endSessions(username, null);
	}

	/**
	 * Ends the account's web sessions but the one with this id (the caller's own), which
	 * is stored hashed ({@link SessionIdHashing}).
	 */
	void endSessions(String username, @Nullable String keptSessionId) {
		jdbc.sql("""
				delete from spring_session where principal_name = :username
				and session_id is distinct from encode(sha256(convert_to(cast(:kept as varchar), 'UTF8')), 'hex')""")
			.param("username", username)
			.param("kept", keptSessionId)
			.update();
	}

	/** Whether the account is enabled and its credentials still at this version. */
	boolean enabledAtVersion(String username, int credentialsVersion) {
		return jdbc.sql("select enabled and credentials_version = :version from app_user where username = :username")
			.param("version", credentialsVersion)
			.param("username", username)
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

	/** How many enabled demo accounts there are (sharing the demo password). */
	long enabledDemoAccounts() {
		return jdbc.sql("select count(*) from app_user where demo and enabled").query(Long.class).single();
	}

	/** The account's role, if there is such an account. */
	Optional<Role> role(String username) {
		return jdbc.sql("select role from app_user where username = :username")
			.param("username", username)
			.query((rs, n) -> Role.valueOf(rs.getString(1)))
			.optional();
	}

	/** Whether this account is one of the demo hospital's. */
	boolean isDemo(String username) {
		return jdbc.sql("select demo from app_user where username = :username")
			.param("username", username)
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

	/** Whether there is any account at all (a first start without the demo hospital). */
	boolean any() {
		return jdbc.sql("select exists (select 1 from app_user)").query(Boolean.class).single();
	}

	boolean exists(String username) {
		return jdbc.sql("select count(*) from app_user where username = :u")
			.param("u", username)
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * Counts a failed sign-in; the failure that reaches {@code lockAfter} locks the
	 * account until {@code lockUntil}, and the same statement appends that lockout to the
	 * change feed ({@code lockout}), so that downtime nodes refuse the account too.
	 */
	void recordFailure(String username, int lockAfter, Instant lockUntil, StatementChange lockout) {
		lockout.bind(jdbc.sql("""
				with counted as (
				  update app_user set failed_attempts = failed_attempts + 1,
				      locked_until = case when failed_attempts + 1 >= :lockAfter then :until else locked_until end
				  where username = :username
				  returning id, failed_attempts),
				locked as (select id from counted where failed_attempts = :lockAfter),
				""" + lockout.cteForEachWithoutPatient("locked", "id") + " select count(*) from counted"))
			.param("lockAfter", lockAfter)
			.param("until", Timestamp.from(lockUntil))
			.param("username", username)
			.query(Long.class)
			.single();
		lockout.afterStatement();
	}

	void recordSuccess(String username) {
		jdbc.sql("update app_user set failed_attempts = 0, locked_until = null where username = :username "
				+ "and (failed_attempts <> 0 or locked_until is not null)")
			.param("username", username)
			.update();
	}

	/** Accounts with an id above {@code afterId}, in id order (keyset paging). */
	List<StaffAccount> accountsAfter(long afterId, int limit, Instant now) {
		return jdbc.sql("select * from app_user where id > :after order by id limit :limit")
			.param("after", afterId)
			.param("limit", limit)
			.query((rs, n) -> account(rs, now))
			.list();
	}

	/** The accounts with these ids, in id order. */
	List<StaffAccount> accounts(Collection<Long> ids, Instant now) {
		return jdbc.sql("select * from app_user where id = any(cast(:ids as bigint[])) order by id")
			.param("ids", ids.toArray(Long[]::new))
			.query((rs, n) -> account(rs, now))
			.list();
	}

	private static StaffAccount account(ResultSet rs, Instant now) throws SQLException {
		StaffMember member = map(rs);
		Timestamp until = rs.getTimestamp("locked_until");
		Instant lockedUntil = until == null || !until.toInstant().isAfter(now) ? null : until.toInstant();
		return new StaffAccount(member.id(), member.username(), member.displayName(), member.role(), member.enabled(),
				rs.getString("password_hash"), rs.getInt("credentials_version"), lockedUntil != null, lockedUntil,
				member.demo());
	}

	private static StaffMember map(ResultSet rs) throws SQLException {
		return new StaffMember(rs.getLong("id"), rs.getString("username"), Role.valueOf(rs.getString("role")),
				rs.getString("family_name"), rs.getString("given_name"), rs.getString("prefix"),
				rs.getBoolean("enabled"), rs.getBoolean("demo"), rs.getTimestamp("updated_at").toInstant());
	}

}
