package continuum.audit;

import java.sql.Timestamp;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The audit row of a read, written by the very statement that reads the data: a
 * data-modifying common table expression inserts the row when the read finds something.
 * The read and its record then cost one round trip and cannot part: outside a transaction
 * the statement commits before its rows reach the caller (the driver returns only once
 * the server reports the commit), inside one the row joins that transaction. A read that
 * finds nothing writes no row, like a read that fails.
 *
 * <pre>{@code
 * ReadAudit audit = auditService.read(AuditEntry.success(READ, "Patient", id, id));
 * audit.bind(jdbc.sql("with found as (select ... where id = :id), " + audit.cte("found")
 * 		+ " select * from found").param("id", id))
 * }</pre>
 */
public final class ReadAudit {

	private final AuditRow row;

	ReadAudit(AuditRow row) {
		this.row = row;
	}

	/**
	 * A common table expression, {@code audit_read}, that inserts the row once if
	 * {@code relation} (an earlier expression of the same statement) has a row.
	 */
	public String cte(String relation) {
		return """
				audit_read as (
				  insert into audit_log (recorded_at, username, role, action, resource_type, resource_id, patient_id,
				                         outcome, address, detail)
				  select :audit_at, :audit_username, :audit_role, :audit_action, :audit_type, :audit_id, :audit_patient,
				         :audit_outcome, :audit_address, :audit_detail
				  where exists (select 1 from %s))
				""".formatted(relation);
	}

	/** Binds the parameters of {@link #cte}. */
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
