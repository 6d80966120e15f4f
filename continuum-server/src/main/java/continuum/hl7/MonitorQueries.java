package continuum.hl7;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The interface monitor's reads of both tables. */
@Repository
class MonitorQueries {

	private final JdbcClient jdbc;

	MonitorQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * An inbound link's figures: last message, unprocessed, quarantined, rejected since.
	 */
	record InboundFigures(@Nullable Instant lastMessage, long unprocessed, long quarantined, long rejected) {
	}

	/**
	 * An outbound link's figures: last sent, pending, pending that failed, last error.
	 */
	record OutboundFigures(@Nullable Instant lastSent, long pending, long failing, @Nullable String lastError) {
	}

	InboundFigures inbound(String link, Instant rejectedSince) {
		return jdbc.sql("""
				select (select max(received_at) from hl7_message where link = :link) as last_message,
				       (select count(*) from hl7_message where state = 'received' and link = :link) as unprocessed,
				       (select count(*) from hl7_message where state = 'quarantined' and link = :link) as quarantined,
				       (select count(*) from hl7_message
				        where link = :link and received_at >= :since and state = 'rejected') as rejected""")
			.param("link", link)
			.param("since", Timestamp.from(rejectedSince))
			.query((rs, n) -> new InboundFigures(instant(rs.getTimestamp("last_message")), rs.getLong("unprocessed"),
					rs.getLong("quarantined"), rs.getLong("rejected")))
			.single();
	}

	OutboundFigures outbound(String link) {
		return jdbc.sql("""
				select (select max(sent_at) from hl7_outbound where link = :link and state = 'sent') as last_sent,
				       (select count(*) from hl7_outbound where link = :link and state = 'pending') as pending,
				       (select count(*) from hl7_outbound
				        where link = :link and state = 'pending' and attempts > 0) as failing,
				       (select last_error from hl7_outbound where link = :link and state = 'pending' and last_error
				        is not null order by last_attempt_at desc limit 1) as last_error""")
			.param("link", link)
			.query((rs, n) -> new OutboundFigures(instant(rs.getTimestamp("last_sent")), rs.getLong("pending"),
					rs.getLong("failing"), rs.getString("last_error")))
			.single();
	}

	/** The outbound links that have messages, configured or not. */
	List<String> outboundLinks() {
		return jdbc.sql("select distinct link from hl7_outbound where state = 'pending' order by link")
			.query(String.class)
			.list();
	}

	List<StoredMessage> search(MessageSearch search) {
		List<String> where = new ArrayList<>();
		MapSqlParameterSource params = new MapSqlParameterSource("limit", search.limit());
		if (search.controlId() != null) {
			where.add("control_id = :controlId");
			params.addValue("controlId", search.controlId());
		}
		if (search.patient() != null) {
			where.add("(patient_id = :patient or :patient = any(string_to_array(patient_identifier, '~')))");
			params.addValue("patient", search.patient());
		}
		if (search.from() != null) {
			where.add("received_at >= :from");
			params.addValue("from", Timestamp.from(search.from()));
		}
		if (search.to() != null) {
			where.add("received_at < :to");
			params.addValue("to", Timestamp.from(search.to()));
		}
		if (search.state() != null) {
			where.add("state = :state");
			params.addValue("state", search.state().code());
		}
		if (search.link() != null) {
			where.add("link = :link");
			params.addValue("link", search.link());
		}
		return jdbc.sql("select " + InboundStore.COLUMNS + " from hl7_message"
				+ (where.isEmpty() ? "" : " where " + String.join(" and ", where)) + " order by id desc limit :limit")
			.paramSource(params)
			.query(InboundStore::row)
			.list();
	}

	List<OutboundSummary> outboundMessages(String link, int limit) {
		return jdbc.sql("""
				select id, link, ordering_key, control_id, message_type, created_at, state, attempts, next_attempt_at,
				       ack_code, last_error, sent_at, patient_id
				from hl7_outbound where link = :link order by id desc limit :limit""")
			.param("link", link)
			.param("limit", limit)
			.query((rs, n) -> new OutboundSummary(rs.getLong("id"), rs.getString("link"), rs.getString("ordering_key"),
					rs.getString("control_id"), rs.getString("message_type"), rs.getTimestamp("created_at").toInstant(),
					rs.getString("state"), rs.getInt("attempts"), instant(rs.getTimestamp("next_attempt_at")),
					rs.getString("ack_code"), rs.getString("last_error"), instant(rs.getTimestamp("sent_at")),
					rs.getString("patient_id")))
			.list();
	}

	Optional<StoredMessage> message(long id) {
		return jdbc.sql("select " + InboundStore.COLUMNS + " from hl7_message where id = :id")
			.param("id", id)
			.query(InboundStore::row)
			.optional();
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

}
