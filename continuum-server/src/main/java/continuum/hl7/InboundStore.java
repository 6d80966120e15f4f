package continuum.hl7;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The table of inbound messages, {@code hl7_message}. A message is inserted unless one of
 * the same sender and control id is stored already (the unique index decides, so two
 * copies arriving at once on two connections are stored once); its outcome is written by
 * the processing that locks its row.
 */
@Repository
class InboundStore {

	static final String COLUMNS = """
			id, link, peer, sending_application, sending_facility, control_id, message_type, received_at,
			processed_at, raw, charset, state, ack_code, response, error_code, error_text, error_location,
			patient_id, patient_identifier, attempts""";

	private final JdbcClient jdbc;

	InboundStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A message to store. */
	record NewMessage(String link, @Nullable String peer, @Nullable MshHeader msh, byte[] raw, String charset,
			@Nullable String patientIdentifier, Instant receivedAt) {
	}

	/**
	 * Stores a readable message as received; empty when a message of the same sender and
	 * control id is stored already.
	 */
	OptionalLong insert(NewMessage message) {
		return jdbc.sql("insert into hl7_message (" + insertColumns() + ") values (" + insertValues() + """
				, 'received')
				on conflict (sending_application, sending_facility, control_id)
				    where state <> 'rejected' and control_id is not null do nothing
				returning id""")
			.paramSource(params(message))
			.query(Long.class)
			.optional()
			.map(OptionalLong::of)
			.orElse(OptionalLong.empty());
	}

	/** Stores a message refused before processing, with the response it gets. */
	long insertRejected(NewMessage message, AckError error, String response) {
		return jdbc
			.sql("insert into hl7_message (" + insertColumns() + """
					, ack_code, response, error_code, error_text, error_location, processed_at) values ("""
					+ insertValues() + """
							, 'rejected', 'AR', :response, :code, :text, :location, :receivedAt)
							returning id""")
			.paramSource(params(message).addValue("response", response)
				.addValue("code", error.code().code())
				.addValue("text", error.text())
				.addValue("location", error.where() == null ? null : error.where().encode()))
			.query(Long.class)
			.single();
	}

	/** The message stored under this sender and control id (not a rejected one). */
	Optional<StoredMessage> stored(MshHeader msh) {
		return jdbc.sql("select " + COLUMNS + "\n" + """
				 from hl7_message
				where sending_application = :app and sending_facility = :facility and control_id = :controlId
				  and state <> 'rejected'""")
			.param("app", msh.sendingApplication())
			.param("facility", msh.sendingFacility())
			.param("controlId", msh.controlId())
			.query(InboundStore::row)
			.optional();
	}

	Optional<StoredMessage> find(long id) {
		return jdbc.sql("select " + COLUMNS + " from hl7_message where id = :id")
			.param("id", id)
			.query(InboundStore::row)
			.optional();
	}

	/**
	 * Locks the message for processing if it is in one of these states and no one else
	 * holds it; empty otherwise.
	 */
	Optional<StoredMessage> lock(long id, MessageState... states) {
		return jdbc.sql("select " + COLUMNS + "\n" + """
				from hl7_message where id = :id and state in (:states) for update skip locked""")
			.param("id", id)
			.param("states", Arrays.stream(states).map(MessageState::code).toList())
			.query(InboundStore::row)
			.optional();
	}

	/**
	 * Messages stored but not processed, received before {@code before}, oldest first.
	 */
	List<Long> unprocessed(Instant before, int limit) {
		return jdbc
			.sql("""
					select id from hl7_message where state = 'received' and received_at < :before order by id limit :limit""")
			.param("before", Timestamp.from(before))
			.param("limit", limit)
			.query(Long.class)
			.list();
	}

	/** Writes a processing's outcome; attempts counts the processings. */
	void finish(long id, MessageState state, String ackCode, String response, @Nullable AckError error,
			@Nullable String patientId, Instant now) {
		jdbc.sql("""
				update hl7_message
				set state = :state, ack_code = :ack, response = :response, error_code = :code, error_text = :text,
				    error_location = :location, patient_id = coalesce(:patient, patient_id), processed_at = :now,
				    attempts = attempts + 1
				where id = :id""")
			.param("id", id)
			.param("state", state.code())
			.param("ack", ackCode)
			.param("response", response)
			.param("code", error == null ? null : error.code().code())
			.param("text", error == null ? null : error.text())
			.param("location", error == null || error.where() == null ? null : error.where().encode())
			.param("patient", patientId)
			.param("now", Timestamp.from(now))
			.update();
	}

	private static String insertColumns() {
		return """
				link, peer, sending_application, sending_facility, control_id, message_type, accept_ack_type,
				application_ack_type, received_at, raw, charset, patient_identifier, state""";
	}

	private static String insertValues() {
		return """
				:link, :peer, :app, :facility, :controlId, :type, :acceptAck, :applicationAck, :receivedAt, :raw,
				:charset, :identifier""";
	}

	private static MapSqlParameterSource params(NewMessage message) {
		MshHeader msh = message.msh();
		return new MapSqlParameterSource().addValue("link", message.link())
			.addValue("peer", message.peer())
			.addValue("app", msh == null ? "" : msh.sendingApplication())
			.addValue("facility", msh == null ? "" : msh.sendingFacility())
			.addValue("controlId", msh == null ? null : msh.controlId())
			.addValue("type", msh == null || msh.type() == null ? null : limit(msh.type(), 40))
			.addValue("acceptAck", msh == null ? null : limit(msh.acceptAckType(), 2))
			.addValue("applicationAck", msh == null ? null : limit(msh.applicationAckType(), 2))
			.addValue("receivedAt", Timestamp.from(message.receivedAt()))
			.addValue("raw", message.raw())
			.addValue("charset", message.charset())
			.addValue("identifier", message.patientIdentifier());
	}

	private static String limit(String value, int length) {
		return value.length() > length ? value.substring(0, length) : value;
	}

	static StoredMessage row(ResultSet rs, int rowNum) throws SQLException {
		Timestamp processed = rs.getTimestamp("processed_at");
		int code = rs.getInt("error_code");
		Integer errorCode = rs.wasNull() ? null : code;
		return new StoredMessage(rs.getLong("id"), rs.getString("link"), rs.getString("peer"),
				rs.getString("sending_application"), rs.getString("sending_facility"), rs.getString("control_id"),
				rs.getString("message_type"), rs.getTimestamp("received_at").toInstant(),
				processed == null ? null : processed.toInstant(), rs.getBytes("raw"), rs.getString("charset"),
				MessageState.of(rs.getString("state")), rs.getString("ack_code"), rs.getString("response"), errorCode,
				rs.getString("error_text"), rs.getString("error_location"), rs.getString("patient_id"),
				rs.getString("patient_identifier"), rs.getInt("attempts"));
	}

}
