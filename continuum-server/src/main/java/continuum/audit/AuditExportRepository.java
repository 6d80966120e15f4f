package continuum.audit;

import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** How far each ATNA destination was sent along the chain ({@code audit_export}). */
@Repository
class AuditExportRepository {

	private final JdbcClient jdbc;

	AuditExportRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The last chain position sent to the destination; 0 when none was. */
	long sentUpTo(String destination) {
		return jdbc.sql("select sent_up_to from audit_export where destination = :d")
			.param("d", destination)
			.query(Long.class)
			.optional()
			.orElse(0L);
	}

	/** Records that the destination holds every position up to {@code position}. */
	void sent(String destination, long position, Instant at) {
		jdbc.sql(
				"""
						insert into audit_export (destination, sent_up_to, sent_at) values (:d, :p, :at)
						on conflict (destination) do update set sent_up_to = greatest(audit_export.sent_up_to, excluded.sent_up_to),
						  sent_at = excluded.sent_at""")
			.param("d", destination)
			.param("p", position)
			.param("at", java.sql.Timestamp.from(at))
			.update();
	}

}
