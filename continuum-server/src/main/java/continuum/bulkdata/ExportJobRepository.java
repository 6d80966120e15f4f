package continuum.bulkdata;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The tables {@code bulk_export_job} and {@code bulk_export_file}. Every change of a job
 * names the status it expects, so that a cancellation and the worker's page never both
 * win.
 */
@Repository
class ExportJobRepository {

	private final JdbcClient jdbc;

	ExportJobRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(ExportJob job) {
		jdbc.sql("""
				insert into bulk_export_job (id, client_id, scopes, level, group_id, members, request_url,
				    resource_types, since, type_filters, include_restricted, status, transaction_time, patients_total)
				values (:id, :client, :scopes, :level, :group, :members, :url, :types, :since, :filters, :restricted,
				    :status, :time, :total)""")
			.param("id", job.id())
			.param("client", job.clientId())
			.param("scopes", job.scopes().toArray(String[]::new))
			.param("level", job.level().name())
			.param("group", job.groupId())
			.param("members", job.members() == null ? null : job.members().toArray(Long[]::new))
			.param("url", job.requestUrl())
			.param("types", job.resourceTypes().toArray(String[]::new))
			.param("since", job.since() == null ? null : Timestamp.from(job.since()))
			.param("filters", job.typeFilters().toArray(String[]::new))
			.param("restricted", job.includeRestricted())
			.param("status", job.status().name())
			.param("time", Timestamp.from(job.transactionTime()))
			.param("total", job.patientsTotal())
			.update();
	}

	Optional<ExportJob> find(String id) {
		return jdbc.sql("select * from bulk_export_job where id = :id").param("id", id).query(this::job).optional();
	}

	/** The exports waiting for the worker, oldest first. */
	List<String> active() {
		return jdbc.sql("select id from bulk_export_job where status = 'ACCEPTED' order by transaction_time, id")
			.query(String.class)
			.list();
	}

	int activeOf(String clientId) {
		return jdbc.sql("select count(*) from bulk_export_job where client_id = :client and status = 'ACCEPTED'")
			.param("client", clientId)
			.query(Integer.class)
			.single();
	}

	List<ExportFile> files(String id) {
		return jdbc.sql(
				"select resource_type, bytes, resources from bulk_export_file where job_id = :id order by resource_type")
			.param("id", id)
			.query((rs, n) -> new ExportFile(rs.getString(1), rs.getLong(2), rs.getLong(3)))
			.list();
	}

	/**
	 * Moves the job past a page: from {@code fromCursor} to {@code toCursor}, with the
	 * files' new committed lengths. False when the job is no longer where the page began
	 * (cancelled, or advanced by another node), and nothing is changed.
	 */
	boolean advance(String id, long fromCursor, long toCursor, int patients, Collection<ExportFile> files) {
		int moved = jdbc.sql("""
				update bulk_export_job set cursor_patient = :to, patients_done = patients_done + :patients
				where id = :id and status = 'ACCEPTED' and cursor_patient = :from""")
			.param("id", id)
			.param("from", fromCursor)
			.param("to", toCursor)
			.param("patients", patients)
			.update();
		if (moved == 0) {
			return false;
		}
		for (ExportFile file : files) {
			jdbc.sql("""
					insert into bulk_export_file (job_id, resource_type, bytes, resources)
					values (:id, :type, :bytes, :resources)
					on conflict (job_id, resource_type) do update set bytes = excluded.bytes,
					    resources = excluded.resources""")
				.param("id", id)
				.param("type", file.resourceType())
				.param("bytes", file.bytes())
				.param("resources", file.resources())
				.update();
		}
		return true;
	}

	/** Ends a running job as completed or failed; false when it was not running. */
	boolean finish(String id, ExportStatus status, @Nullable String failure, Instant at, Instant expiresAt) {
		return jdbc
			.sql("""
					update bulk_export_job set status = :status, failure = :failure, completed_at = :at, expires_at = :expires
					where id = :id and status = 'ACCEPTED'""")
			.param("id", id)
			.param("status", status.name())
			.param("failure", failure)
			.param("at", Timestamp.from(at))
			.param("expires", Timestamp.from(expiresAt))
			.update() == 1;
	}

	/** Marks the client's export cancelled; false when there is none to cancel. */
	boolean cancel(String id, String clientId, Instant at) {
		return jdbc.sql("""
				update bulk_export_job set status = 'CANCELLED', completed_at = :at, expires_at = :at
				where id = :id and client_id = :client and status <> 'CANCELLED'""")
			.param("id", id)
			.param("client", clientId)
			.param("at", Timestamp.from(at))
			.update() == 1;
	}

	/** The exports whose files are due to go (finished, and expired at {@code now}). */
	List<String> expired(Instant now) {
		return jdbc.sql("""
				select id from bulk_export_job where status <> 'ACCEPTED' and expires_at <= :now order by id""")
			.param("now", Timestamp.from(now))
			.query(String.class)
			.list();
	}

	void delete(String id) {
		jdbc.sql("delete from bulk_export_job where id = :id and status <> 'ACCEPTED'").param("id", id).update();
	}

	private ExportJob job(ResultSet rs, int n) throws SQLException {
		Array members = rs.getArray("members");
		return new ExportJob(rs.getString("id"), rs.getString("client_id"), strings(rs.getArray("scopes")),
				ExportLevel.valueOf(rs.getString("level")), rs.getString("group_id"),
				members == null ? null : Arrays.asList((Long[]) members.getArray()), rs.getString("request_url"),
				strings(rs.getArray("resource_types")), instant(rs, "since"), strings(rs.getArray("type_filters")),
				rs.getBoolean("include_restricted"), ExportStatus.valueOf(rs.getString("status")),
				rs.getTimestamp("transaction_time").toInstant(), rs.getLong("cursor_patient"),
				rs.getInt("patients_done"), rs.getInt("patients_total"), rs.getString("failure"),
				instant(rs, "completed_at"), instant(rs, "expires_at"));
	}

	private static List<String> strings(Array array) throws SQLException {
		return Arrays.asList((String[]) array.getArray());
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp at = rs.getTimestamp(column);
		return at == null ? null : at.toInstant();
	}

}
