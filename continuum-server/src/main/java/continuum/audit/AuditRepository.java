package continuum.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads of the audit log. */
class AuditRepository {

	private final JdbcClient jdbc;

	AuditRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<AuditRecord> find(AuditQuery query) {
		return jdbc.sql("""
				select * from audit_log
				where (cast(:patient as varchar) is null or patient_id = :patient)
				  and (cast(:username as varchar) is null or username = :username)
				  and (cast(:from as timestamptz) is null or recorded_at >= :from)
				  and (cast(:to as timestamptz) is null or recorded_at < :to)
				order by id desc limit :limit offset :offset""")
			.param("patient", query.patientId())
			.param("username", query.username())
			.param("from", query.from() == null ? null : Timestamp.from(query.from()))
			.param("to", query.to() == null ? null : Timestamp.from(query.to()))
			.param("limit", query.limit())
			.param("offset", query.offset())
			.query((rs, n) -> map(rs))
			.list();
	}

	java.util.Optional<AuditRecord> findById(long id) {
		return jdbc.sql("select * from audit_log where id = :id").param("id", id).query((rs, n) -> map(rs)).optional();
	}

	static AuditRecord map(ResultSet rs) throws SQLException {
		long seq = rs.getLong("chain_seq");
		return new AuditRecord(rs.getLong("id"), rs.getTimestamp("recorded_at").toInstant(), rs.getString("username"),
				rs.getString("role"), AuditAction.valueOf(rs.getString("action")), rs.getString("resource_type"),
				rs.getString("resource_id"), rs.getString("patient_id"), AuditOutcome.valueOf(rs.getString("outcome")),
				rs.getString("address"), rs.getString("detail"), rs.wasNull() ? null : seq);
	}

}
