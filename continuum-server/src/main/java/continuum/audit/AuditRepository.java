package continuum.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import continuum.fhir.SearchSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The rows of the audit log: inserts (one or several) and reads. */
@Repository
class AuditRepository {

	private final JdbcClient jdbc;

	AuditRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(AuditRow row) {
		jdbc.sql("""
				insert into audit_log (recorded_at, username, role, action, resource_type, resource_id, patient_id,
				                       outcome, address, detail)
				values (:at, :username, :role, :action, :type, :id, :patient, :outcome, :address, :detail)""")
			.param("at", Timestamp.from(row.at()))
			.param("username", row.actor().username())
			.param("role", row.actor().role())
			.param("action", row.entry().action().name())
			.param("type", row.entry().resourceType())
			.param("id", row.entry().resourceId())
			.param("patient", row.entry().patientId())
			.param("outcome", row.entry().outcome().name())
			.param("address", row.actor().address())
			.param("detail", row.entry().detail())
			.update();
	}

	/**
	 * Several rows in one statement, each with its own actor and time, in list order.
	 */
	void insertAll(List<AuditRow> rows) {
		int n = rows.size();
		String[] times = new String[n];
		String[] usernames = new String[n];
		String[] roles = new String[n];
		String[] addresses = new String[n];
		String[] actions = new String[n];
		String[] types = new String[n];
		String[] ids = new String[n];
		String[] patients = new String[n];
		String[] outcomes = new String[n];
		String[] details = new String[n];
		for (int i = 0; i < n; i++) {
			AuditRow row = rows.get(i);
			times[i] = row.at().toString();
			usernames[i] = row.actor().username();
			roles[i] = row.actor().role();
			addresses[i] = row.actor().address();
			actions[i] = row.entry().action().name();
			types[i] = row.entry().resourceType();
			ids[i] = row.entry().resourceId();
			patients[i] = row.entry().patientId();
			outcomes[i] = row.entry().outcome().name();
			details[i] = row.entry().detail();
		}
		jdbc.sql("""
				insert into audit_log (recorded_at, username, role, action, resource_type, resource_id, patient_id,
				                       outcome, address, detail)
				select e.at, e.username, e.role, e.action, e.type, e.id, e.patient, e.outcome, e.address, e.detail
				from unnest(cast(:times as timestamptz[]), cast(:usernames as varchar[]), cast(:roles as varchar[]),
				            cast(:addresses as varchar[]), cast(:actions as varchar[]), cast(:types as varchar[]),
				            cast(:ids as varchar[]), cast(:patients as varchar[]), cast(:outcomes as varchar[]),
				            cast(:details as varchar[]))
				     with ordinality as e(at, username, role, address, action, type, id, patient, outcome, detail,
				                          position)
				order by e.position""")
			.param("times", times)
			.param("usernames", usernames)
			.param("roles", roles)
			.param("addresses", addresses)
			.param("actions", actions)
			.param("types", types)
			.param("ids", ids)
			.param("patients", patients)
			.param("outcomes", outcomes)
			.param("details", details)
			.update();
	}

	/**
	 * The audit log as the parameters every FHIR type has read it (AuditEvent), with
	 * {@code patient:missing} for the entries about no patient (sign-ins, searches across
	 * patients).
	 */
	private static final SearchSql.Columns COLUMNS = new SearchSql.Columns("id", "recorded_at", null,
			Map.of("date", "recorded_at"))
		.withPresence("patient", "patient_id is not null");

	private static final String FIND = """
			from audit_log
			where (cast(:patient as varchar) is null or patient_id = :patient)
			  and (cast(:username as varchar) is null or username = :username)
			  and (cast(:from as timestamptz) is null or recorded_at >= :from)
			  and (cast(:to as timestamptz) is null or recorded_at < :to)
			""";

	List<AuditRecord> find(AuditQuery query) {
		Map<String, Object> common = new HashMap<>();
		return bind(
				jdbc.sql("select * " + where(query, common) + " order by "
						+ SearchSql.orderBy(query.controls(), COLUMNS, "id desc") + " limit :limit offset :offset"),
				query, common)
			.param("limit", query.limit())
			.param("offset", query.offset())
			.query((rs, n) -> map(rs))
			.list();
	}

	int count(AuditQuery query) {
		Map<String, Object> common = new HashMap<>();
		return bind(jdbc.sql("select count(*) " + where(query, common)), query, common).query(Integer.class).single();
	}

	private static String where(AuditQuery query, Map<String, Object> common) {
		List<String> conditions = SearchSql.conditions(query.controls(), COLUMNS, common);
		return conditions.isEmpty() ? FIND : FIND + "  and " + String.join(" and ", conditions) + "\n";
	}

	private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec sql, AuditQuery query,
			Map<String, Object> common) {
		return sql.params(common)
			.param("patient", query.patientId())
			.param("username", query.username())
			.param("from", query.from() == null ? null : Timestamp.from(query.from()))
			.param("to", query.to() == null ? null : Timestamp.from(query.to()));
	}

	java.util.Optional<AuditRecord> findById(long id) {
		return jdbc.sql("select * from audit_log where id = :id").param("id", id).query((rs, n) -> map(rs)).optional();
	}

	static AuditRecord map(ResultSet rs) throws SQLException {
		return new AuditRecord(rs.getLong("id"), rs.getTimestamp("recorded_at").toInstant(), rs.getString("username"),
				rs.getString("role"), AuditAction.valueOf(rs.getString("action")), rs.getString("resource_type"),
				rs.getString("resource_id"), rs.getString("patient_id"), AuditOutcome.valueOf(rs.getString("outcome")),
				rs.getString("address"), rs.getString("detail"));
	}

}
