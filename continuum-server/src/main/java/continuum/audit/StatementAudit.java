package continuum.audit;

import java.sql.Timestamp;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The audit row of an access, written by the very statement that performs it: a
 * data-modifying common table expression inserts the row when the access touched
 * something. The access and its record then cost one round trip and cannot part: outside
 * a transaction the statement commits before its rows reach the caller (the driver
 * returns only once the server reports the commit), inside one the row joins that
 * transaction. A read that finds nothing writes no row, like a read that fails.
 *
 * <pre>{@code
 * StatementAudit audit = auditService.inStatement(AuditEntry.success(READ, "Patient", id, id));
 * audit.bind(jdbc.sql("with found as (select ... where id = :id), " + audit.cte("found")
 * 		+ " select * from found").param("id", id))
 * }</pre>
 */
public final class StatementAudit {

	private static final String INSERT = """
			audit_row as (
			  insert into audit_log (recorded_at, username, role, action, resource_type, resource_id, patient_id,
			                         outcome, address, detail)
			  select :audit_at, :audit_username, :audit_role, :audit_action, :audit_type, %s, %s,
			         :audit_outcome, :audit_address, :audit_detail
			  from %s)
			""";

	private final AuditRow row;

	StatementAudit(AuditRow row) {
		this.row = row;
	}

	/**
	 * A common table expression, {@code audit_row}, that inserts the row once, with the
	 * entry's resource and patient ids, if {@code relation} (an earlier expression of the
	 * same statement) has a row.
	 */
	public String cte(String relation) {
		return INSERT.formatted(":audit_id", ":audit_patient", "(select 1 from " + relation + " limit 1) r");
	}

	/**
	 * A common table expression, {@code audit_row}, that inserts one row for each row of
	 * {@code relation}, whose column {@code idColumn} is both the resource and the
	 * patient id (a registration: the id is known only to the statement).
	 */
	public String cteForEach(String relation, String idColumn) {
		String id = "cast(r." + idColumn + " as varchar)";
		return INSERT.formatted(id, id, relation + " r");
	}

	/** Binds the parameters of {@link #cte} and {@link #cteForEach}. */
	public JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement) {
		return statement.param("audit_at", Timestamp.from(row.at()))
			.param("audit_username", row.actor().username())
			.param("audit_role", row.actor().role())
			.param("audit_action", row.entry().action().name())
			.param("audit_type", row.entry().resourceType())
			.param("audit_id", row.entry().resourceId())
			.param("audit_patient", row.entry().patientId())
			.param("audit_outcome", row.entry().outcome().name())
			.param("audit_address", row.actor().address())
			.param("audit_detail", row.entry().detail());
	}

}
