package continuum.patients;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import continuum.fhir.SearchSql;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The clinical tables, one SQL shape for every {@link ClinicalKind}; every version is
 * kept in {@code clinical_history}.
 */
@Repository
class ClinicalRepository {

	/** A stored entry and whether it was deleted. */
	record Stored<T>(T entry, boolean deleted) {
	}

	private final JdbcClient jdbc;

	ClinicalRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	<T extends ClinicalEntry> long insert(ClinicalKind<T> kind, T entry, Instant now) {
		Map<String, @Nullable Object> columns = kind.columns(entry);
		String names = String.join(", ", columns.keySet());
		String values = ":" + String.join(", :", columns.keySet());
		Map<String, Object> params = new HashMap<>(columns);
		params.put("patient_id", entry.patient().value());
		params.put("updated_at", Timestamp.from(now));
		long id = jdbc
			.sql("insert into " + kind.table() + " (patient_id, " + names + ", updated_at) values " + "(:patient_id, "
					+ values + ", :updated_at) returning id")
			.params(params)
			.query(Long.class)
			.single();
		snapshot(kind, id, now);
		return id;
	}

	/**
	 * Updates when the entry is at the expected version and not deleted; returns whether
	 * it did.
	 */
	<T extends ClinicalEntry> boolean update(ClinicalKind<T> kind, long id, int expectedVersion, T entry, Instant now) {
		Map<String, @Nullable Object> columns = kind.columns(entry);
		List<String> sets = new ArrayList<>();
		columns.keySet().forEach(c -> sets.add(c + " = :" + c));
		Map<String, Object> params = new HashMap<>(columns);
		params.put("id", id);
		params.put("expected", expectedVersion);
		params.put("patient_id", entry.patient().value());
		params.put("updated_at", Timestamp.from(now));
		boolean updated = jdbc
			.sql("update " + kind.table() + " set " + String.join(", ", sets)
					+ ", patient_id = :patient_id, version = version + 1, updated_at = :updated_at"
					+ " where id = :id and version = :expected and deleted_at is null")
			.params(params)
			.update() == 1;
		if (updated) {
			snapshot(kind, id, now);
		}
		return updated;
	}

	<T extends ClinicalEntry> boolean delete(ClinicalKind<T> kind, long id, Instant now) {
		boolean deleted = jdbc.sql("update " + kind.table()
				+ " set deleted_at = :now, version = version + 1, updated_at = :now where id = :id and deleted_at is null")
			.param("id", id)
			.param("now", Timestamp.from(now))
			.update() == 1;
		if (deleted) {
			snapshot(kind, id, now);
		}
		return deleted;
	}

	/** Moves every entry of a merged duplicate to the survivor; returns the ids moved. */
	<T extends ClinicalEntry> List<Long> reassign(ClinicalKind<T> kind, long from, long to, Instant now) {
		List<Long> ids = jdbc
			.sql("update " + kind.table() + " set patient_id = :to, version = version + 1,"
					+ " updated_at = :now where patient_id = :from and deleted_at is null returning id")
			.param("from", from)
			.param("to", to)
			.param("now", Timestamp.from(now))
			.query(Long.class)
			.list();
		ids.forEach(id -> snapshot(kind, id, now));
		return ids;
	}

	<T extends ClinicalEntry> Optional<Stored<T>> find(ClinicalKind<T> kind, long id) {
		return jdbc.sql("select * from " + kind.table() + " where id = :id")
			.param("id", id)
			.query((rs, n) -> new Stored<>(kind.map(rs), rs.getTimestamp("deleted_at") != null))
			.optional();
	}

	<T extends ClinicalEntry> Optional<Stored<T>> findVersion(ClinicalKind<T> kind, long id, int version) {
		return jdbc
			.sql("select (jsonb_populate_record(null::" + kind.table() + ", snapshot)).* from clinical_history"
					+ " where resource_type = :type and resource_id = :id and version = :version")
			.param("type", kind.resourceType())
			.param("id", id)
			.param("version", version)
			.query((rs, n) -> new Stored<>(kind.map(rs), rs.getTimestamp("deleted_at") != null))
			.optional();
	}

	<T extends ClinicalEntry> ClinicalPage<T> search(ClinicalKind<T> kind, ClinicalQuery query) {
		List<String> where = new ArrayList<>();
		Map<String, Object> params = new HashMap<>();
		where.add("deleted_at is null");
		if (query.patient() != null) {
			where.add("patient_id = :patient");
			params.put("patient", query.patient().value());
		}
		if (!query.statuses().isEmpty()) {
			where.add(kind.statusColumn() + " in (:statuses)");
			params.put("statuses", query.statuses());
		}
		if (!query.excludedStatuses().isEmpty()) {
			where.add(kind.statusColumn() + " not in (:excluded)");
			params.put("excluded", query.excludedStatuses());
		}
		if (query.code() != null) {
			where.add("code = :code");
			params.put("code", query.code());
			if (query.codeSystem() != null) {
				where.add("code_system = :codeSystem");
				params.put("codeSystem", query.codeSystem());
			}
		}
		where.addAll(SearchSql.conditions(query.controls(), columns(kind), params));
		if (query.from() != null) {
			where.add(kind.dateColumn() + " >= :from");
			params.put("from", query.from());
		}
		if (query.to() != null) {
			where.add(kind.dateColumn() + " <= :to");
			params.put("to", query.to());
		}
		params.put("limit", query.limit());
		params.put("offset", query.offset());
		String filter = " from " + kind.table() + " where " + String.join(" and ", where);
		String order = SearchSql.orderBy(query.controls(), columns(kind), "patient_id, id");
		List<T> entries = jdbc.sql("select *" + filter + " order by " + order + " limit :limit offset :offset")
			.params(params)
			.query((rs, n) -> kind.map(rs))
			.list();
		int total = entries.size() < query.limit() && (query.offset() == 0 || !entries.isEmpty())
				? query.offset() + entries.size()
				: jdbc.sql("select count(*)" + filter).params(params).query(Integer.class).single();
		return new ClinicalPage<>(entries, total);
	}

	/**
	 * The kind's table as the parameters every FHIR type has read it, with {@code :text}
	 * on {@code code} over the concept's text (the substance, the drug, the problem's
	 * words) and {@code :missing} on its date (recorded, started, onset), which an entry
	 * may lack.
	 */
	private static SearchSql.Columns columns(ClinicalKind<?> kind) {
		String text = switch (kind.table()) {
			case "allergy_intolerance" -> "substance";
			case "medication_statement" -> "drug";
			default -> "text";
		};
		return new SearchSql.Columns("id", "updated_at", "patient_id", Map.of(kind.dateParameter(), kind.dateColumn()))
			.withText("code", text)
			.withPresence(kind.dateParameter(), kind.dateColumn() + " is not null");
	}

	/**
	 * The patients with at least one entry (not deleted) that matches, for a reverse
	 * chain ({@code Patient?_has:AllergyIntolerance:patient:code=...}); the query's page
	 * is ignored, at most {@code limit} patients.
	 */
	<T extends ClinicalEntry> List<Long> patientsMatching(ClinicalKind<T> kind, ClinicalQuery query, int limit) {
		List<String> where = new ArrayList<>();
		Map<String, Object> params = new HashMap<>();
		where.add("deleted_at is null");
		if (!query.statuses().isEmpty()) {
			where.add(kind.statusColumn() + " in (:statuses)");
			params.put("statuses", query.statuses());
		}
		if (query.code() != null) {
			where.add("code = :code");
			params.put("code", query.code());
			if (query.codeSystem() != null) {
				where.add("code_system = :codeSystem");
				params.put("codeSystem", query.codeSystem());
			}
		}
		where.addAll(SearchSql.conditions(query.controls(), columns(kind), params));
		params.put("limit", limit);
		return jdbc
			.sql("select distinct patient_id from " + kind.table() + " where " + String.join(" and ", where)
					+ " order by patient_id limit :limit")
			.params(params)
			.query(Long.class)
			.list();
	}

	/** The entries (not deleted) of these patients, in one query. */
	<T extends ClinicalEntry> List<T> ofPatients(ClinicalKind<T> kind, Collection<Long> patients) {
		if (patients.isEmpty()) {
			return List.of();
		}
		return jdbc
			.sql("select * from " + kind.table()
					+ " where deleted_at is null and patient_id = any(:patients) order by patient_id, id")
			.param("patients", patients.toArray(Long[]::new))
			.query((rs, n) -> kind.map(rs))
			.list();
	}

	private void snapshot(ClinicalKind<?> kind, long id, Instant now) {
		jdbc.sql("insert into clinical_history (resource_type, resource_id, version, snapshot, recorded_at)"
				+ " select :type, t.id, t.version, to_jsonb(t), :now from " + kind.table() + " t where t.id = :id")
			.param("type", kind.resourceType())
			.param("id", id)
			.param("now", Timestamp.from(now))
			.update();
	}

}
