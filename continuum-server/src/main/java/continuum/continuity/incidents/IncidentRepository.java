package continuum.continuity.incidents;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import continuum.continuity.Impact;
import continuum.continuity.Incident;
import continuum.continuity.IncidentKind;
import continuum.continuity.IncidentStatus;
import continuum.continuity.IncidentUpdate;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Incidents, their versions and timelines. Rows are only ever added (a trigger refuses
 * updates and deletes); an incident's current state is its highest version.
 */
@Repository
public class IncidentRepository {

	private static final String LATEST = """
			select v.* from continuity_incident_version v
			where v.version = (select max(w.version) from continuity_incident_version w
			                   where w.incident_id = v.incident_id)
			""";

	private final JdbcClient jdbc;

	IncidentRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long create(Instant at) {
		return jdbc.sql("insert into continuity_incident (created_at) values (:at) returning id")
			.param("at", Timestamp.from(at))
			.query(Long.class)
			.single();
	}

	/**
	 * Adds a version; a version number already taken (a concurrent change) fails on the
	 * primary key.
	 */
	void insert(Incident version) {
		jdbc.sql("""
				insert into continuity_incident_version (incident_id, version, kind, title, impact, status, components,
				    started_at, detected_at, ended_at, origin, reason, changed_by, changed_at)
				values (:id, :version, :kind, :title, :impact, :status, cast(:components as varchar[]), :start,
				    :detected, :end, :origin, :reason, :by, :at)""")
			.param("id", version.id())
			.param("version", version.version())
			.param("kind", version.kind().code())
			.param("title", version.title())
			.param("impact", version.impact().code())
			.param("status", version.status().code())
			.param("components",
					version.components().stream().map(c -> '"' + c + '"').collect(Collectors.joining(",", "{", "}")))
			.param("start", Timestamp.from(version.start()))
			.param("detected", Timestamp.from(version.detected()))
			.param("end", version.end() == null ? null : Timestamp.from(version.end()))
			.param("origin", version.origin().name().toLowerCase(Locale.ROOT))
			.param("reason", version.reason())
			.param("by", version.changedBy())
			.param("at", Timestamp.from(version.changedAt()))
			.update();
	}

	/**
	 * Serialises changes of one incident until the end of the transaction; answers
	 * whether it exists.
	 */
	boolean lock(long id) {
		return jdbc.sql("select id from continuity_incident where id = :id for update")
			.param("id", id)
			.query(Long.class)
			.optional()
			.isPresent();
	}

	public Optional<Incident> latest(long id) {
		return jdbc.sql("""
				select * from continuity_incident_version where incident_id = :id order by version desc limit 1""")
			.param("id", id)
			.query((rs, n) -> incident(rs))
			.optional();
	}

	public List<Incident> versions(long id) {
		return jdbc.sql("select * from continuity_incident_version where incident_id = :id order by version")
			.param("id", id)
			.query((rs, n) -> incident(rs))
			.list();
	}

	/**
	 * Incidents not closed whose window has not ended by {@code now}: outages going on,
	 * maintenance windows going on or ahead. Oldest first.
	 */
	public List<Incident> current(Instant now) {
		return jdbc.sql(LATEST + """
				  and v.status not in ('resolved', 'completed') and (v.ended_at is null or v.ended_at > :now)
				order by v.started_at, v.incident_id""")
			.param("now", Timestamp.from(now))
			.query((rs, n) -> incident(rs))
			.list();
	}

	/**
	 * Incidents (their latest versions) whose window overlaps {@code [from, to)}, newest
	 * first.
	 */
	public List<Incident> overlapping(Instant from, Instant to) {
		return jdbc.sql(LATEST + """
				  and v.started_at < :to and (v.ended_at is null or v.ended_at > :from)
				order by v.started_at desc, v.incident_id desc""")
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.query((rs, n) -> incident(rs))
			.list();
	}

	/** The most recently started incidents, newest first. */
	public List<Incident> recent(int limit) {
		return jdbc.sql(LATEST + " order by v.started_at desc, v.incident_id desc limit :limit")
			.param("limit", limit)
			.query((rs, n) -> incident(rs))
			.list();
	}

	void insertUpdate(long id, IncidentStatus status, String body, String author, Instant at) {
		jdbc.sql("""
				insert into continuity_incident_update (incident_id, status, body, author, created_at)
				values (:id, :status, :body, :author, :at)""")
			.param("id", id)
			.param("status", status.code())
			.param("body", body)
			.param("author", author)
			.param("at", Timestamp.from(at))
			.update();
	}

	/** The incident's timeline, oldest first. */
	public List<IncidentUpdate> updates(long id) {
		return jdbc.sql("select * from continuity_incident_update where incident_id = :id order by id")
			.param("id", id)
			.query((rs, n) -> new IncidentUpdate(rs.getLong("id"), IncidentStatus.of(rs.getString("status")),
					rs.getString("body"), rs.getString("author"), rs.getTimestamp("created_at").toInstant()))
			.list();
	}

	private static Incident incident(ResultSet rs) throws SQLException {
		return new Incident(rs.getLong("incident_id"), rs.getInt("version"), IncidentKind.of(rs.getString("kind")),
				rs.getString("title"), Impact.of(rs.getString("impact")), IncidentStatus.of(rs.getString("status")),
				components(rs.getArray("components")), rs.getTimestamp("started_at").toInstant(),
				rs.getTimestamp("detected_at").toInstant(), instant(rs.getTimestamp("ended_at")),
				Incident.Origin.valueOf(rs.getString("origin").toUpperCase(Locale.ROOT)), rs.getString("reason"),
				rs.getString("changed_by"), rs.getTimestamp("changed_at").toInstant());
	}

	private static List<String> components(Array array) throws SQLException {
		return Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

}
