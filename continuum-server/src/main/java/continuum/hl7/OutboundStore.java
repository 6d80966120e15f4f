package continuum.hl7;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The outbound queue, {@code hl7_outbound}. Only the oldest pending message of each
 * ordering key is ever due, so a key's messages leave in order whatever their retries;
 * keys are independent.
 */
@Repository
class OutboundStore {

	private final JdbcClient jdbc;

	OutboundStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A queued message as the sender takes it. */
	record Queued(long id, String link, String orderingKey, @Nullable String controlId, String er7,
			@Nullable String patientId, int attempts) {
	}

	void insert(String link, String orderingKey, MshHeader msh, String er7, @Nullable String patientId, Instant now) {
		jdbc.sql("""
				insert into hl7_outbound (link, ordering_key, control_id, message_type, er7, patient_id, state,
				                          created_at, next_attempt_at)
				values (:link, :key, :controlId, :type, :er7, :patient, 'pending', :now, :now)""")
			.param("link", link)
			.param("key", orderingKey)
			.param("controlId", msh.controlId())
			.param("type",
					msh.type() == null ? null : msh.type().length() > 40 ? msh.type().substring(0, 40) : msh.type())
			.param("er7", er7)
			.param("patient", patientId)
			.param("now", Timestamp.from(now))
			.update();
	}

	/**
	 * The oldest pending message of each ordering key, where it is due, oldest first; up
	 * to {@code limit}.
	 */
	List<Queued> due(Instant now, int limit) {
		return jdbc.sql("""
				select id, link, ordering_key, control_id, er7, patient_id, attempts
				from (select distinct on (link, ordering_key) *
				      from hl7_outbound where state = 'pending' order by link, ordering_key, id) head
				where next_attempt_at <= :now
				order by id
				limit :limit""")
			.param("now", Timestamp.from(now))
			.param("limit", limit)
			.query(OutboundStore::row)
			.list();
	}

	/** The earliest time a pending message is due, if any is pending. */
	@Nullable Instant nextDue() {
		Timestamp next = jdbc.sql("select min(next_attempt_at) from hl7_outbound where state = 'pending'")
			.query(Timestamp.class)
			.optional()
			.orElse(null);
		return next == null ? null : next.toInstant();
	}

	void markSent(long id, String ackCode, Instant now) {
		jdbc.sql("""
				update hl7_outbound
				set state = 'sent', ack_code = :ack, sent_at = :now, last_attempt_at = :now, attempts = attempts + 1,
				    last_error = null
				where id = :id and state = 'pending'""")
			.param("id", id)
			.param("ack", ackCode)
			.param("now", Timestamp.from(now))
			.update();
	}

	void markFailed(long id, @Nullable String ackCode, String error, Instant retryAt, Instant now) {
		jdbc.sql("""
				update hl7_outbound
				set ack_code = :ack, last_error = :error, last_attempt_at = :now, next_attempt_at = :retry,
				    attempts = attempts + 1
				where id = :id and state = 'pending'""")
			.param("id", id)
			.param("ack", ackCode)
			.param("error", error.length() > 300 ? error.substring(0, 300) : error)
			.param("retry", Timestamp.from(retryAt))
			.param("now", Timestamp.from(now))
			.update();
	}

	private static Queued row(ResultSet rs, int rowNum) throws SQLException {
		return new Queued(rs.getLong("id"), rs.getString("link"), rs.getString("ordering_key"),
				rs.getString("control_id"), rs.getString("er7"), rs.getString("patient_id"), rs.getInt("attempts"));
	}

}
