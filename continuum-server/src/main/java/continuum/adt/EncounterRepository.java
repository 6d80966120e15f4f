package continuum.adt;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;

import continuum.patients.PatientId;
import continuum.fhir.SearchSql;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class EncounterRepository {

	/** An encounter row (one version) without its bed history. */
	record Row(EncounterId id, PatientId patient, EncounterClass encounterClass, EncounterStatus status,
			@Nullable Instant start, @Nullable Instant end, @Nullable String practitioner, @Nullable String reason,
			int version, Instant updatedAt) {

		Encounter with(List<BedStay> locations) {
			return new Encounter(id, patient, encounterClass, status, start, end, practitioner, reason, version,
					updatedAt, locations);
		}

	}

	private final JdbcClient jdbc;

	EncounterRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	EncounterId insert(Admission admission, EncounterStatus status, Instant start, Instant now) {
		long id = jdbc.sql("""
				insert into adt_encounter (patient_id, class, status, period_start, practitioner, reason, updated_at)
				values (:patient, :class, :status, :start, :practitioner, :reason, :now) returning id""")
			.param("patient", admission.patient().value())
			.param("class", admission.encounterClass().name())
			.param("status", status.name())
			.param("start", Timestamp.from(start))
			.param("practitioner", admission.practitioner())
			.param("reason", admission.reason())
			.param("now", Timestamp.from(now))
			.query(Long.class)
			.single();
		EncounterId encounter = new EncounterId(id);
		recordVersion(encounter);
		return encounter;
	}

	Optional<Row> find(EncounterId id) {
		return jdbc.sql("select * from adt_encounter where id = :id")
			.param("id", id.value())
			.query((rs, n) -> row(rs, rs.getTimestamp("updated_at")))
			.optional();
	}

	/**
	 * Reads the encounter and locks it until the end of the transaction, so that changes
	 * to it serialize.
	 */
	Optional<Row> lock(EncounterId id) {
		return jdbc.sql("select * from adt_encounter where id = :id for update")
			.param("id", id.value())
			.query((rs, n) -> row(rs, rs.getTimestamp("updated_at")))
			.optional();
	}

	Optional<Row> version(EncounterId id, int version) {
		return jdbc.sql("""
				select e.id, e.patient_id, e.class, v.status, v.period_start, v.period_end, v.practitioner, v.reason,
				       v.version, v.recorded_at
				from adt_encounter_version v join adt_encounter e on e.id = v.encounter_id
				where v.encounter_id = :id and v.version = :version""")
			.param("id", id.value())
			.param("version", version)
			.query((rs, n) -> row(rs, rs.getTimestamp("recorded_at")))
			.optional();
	}

	/**
	 * One page of every encounter's versions written at or after {@code since}, newest
	 * first, leaving out the patients in {@code hidden} (FHIR type-level _history).
	 */
	List<Row> versions(@Nullable Instant since, Set<Long> hidden, int limit, int offset) {
		return jdbc.sql("""
				select e.id, e.patient_id, e.class, v.status, v.period_start, v.period_end, v.practitioner, v.reason,
				       v.version, v.recorded_at
				from adt_encounter_version v join adt_encounter e on e.id = v.encounter_id
				where e.patient_id <> all(:hidden) and v.recorded_at >= coalesce(:since, '-infinity'::timestamptz)
				order by v.recorded_at desc, v.encounter_id desc, v.version desc limit :limit offset :offset""")
			.param("hidden", hidden.toArray(Long[]::new))
			.param("since", since == null ? null : since.atOffset(java.time.ZoneOffset.UTC),
					java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
			.param("limit", limit)
			.param("offset", offset)
			.query((rs, n) -> row(rs, rs.getTimestamp("recorded_at")))
			.list();
	}

	int countVersions(@Nullable Instant since, Set<Long> hidden) {
		return jdbc.sql("""
				select count(*) from adt_encounter_version v join adt_encounter e on e.id = v.encounter_id
				where e.patient_id <> all(:hidden) and v.recorded_at >= coalesce(:since, '-infinity'::timestamptz)""")
			.param("hidden", hidden.toArray(Long[]::new))
			.param("since", since == null ? null : since.atOffset(java.time.ZoneOffset.UTC),
					java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
			.query(Integer.class)
			.single();
	}

	/** Every version of the encounter, newest first. */
	List<Row> versions(EncounterId id) {
		return jdbc.sql("""
				select e.id, e.patient_id, e.class, v.status, v.period_start, v.period_end, v.practitioner, v.reason,
				       v.version, v.recorded_at
				from adt_encounter_version v join adt_encounter e on e.id = v.encounter_id
				where v.encounter_id = :id order by v.version desc""")
			.param("id", id.value())
			.query((rs, n) -> row(rs, rs.getTimestamp("recorded_at")))
			.list();
	}

	/** Sets status and end, counts up the version and keeps a copy of the new version. */
	void update(EncounterId id, EncounterStatus status, @Nullable Instant end, Instant now) {
		jdbc.sql("""
				update adt_encounter set status = :status, period_end = :end, version = version + 1, updated_at = :now
				where id = :id""")
			.param("status", status.name())
			.param("end", end == null ? null : Timestamp.from(end))
			.param("now", Timestamp.from(now))
			.param("id", id.value())
			.update();
		recordVersion(id);
	}

	/** A planned encounter starts: in progress from {@code start}. */
	void begin(EncounterId id, Instant start, Instant now) {
		jdbc.sql("""
				update adt_encounter set status = 'IN_PROGRESS', period_start = :start, version = version + 1,
				       updated_at = :now
				where id = :id""")
			.param("start", Timestamp.from(start))
			.param("now", Timestamp.from(now))
			.param("id", id.value())
			.update();
		recordVersion(id);
	}

	private void recordVersion(EncounterId id) {
		jdbc.sql("""
				insert into adt_encounter_version (encounter_id, version, status, period_start, period_end,
				                                   practitioner, reason, recorded_at)
				select id, version, status, period_start, period_end, practitioner, reason, updated_at
				from adt_encounter where id = :id""").param("id", id.value()).update();
	}

	void openAssignment(EncounterId encounter, BedId bed, Instant at) {
		jdbc.sql("insert into adt_bed_assignment (encounter_id, bed_id, started_at) values (:encounter, :bed, :at)")
			.param("encounter", encounter.value())
			.param("bed", bed.value())
			.param("at", Timestamp.from(at))
			.update();
	}

	/** Ends the encounter's current bed assignment, if any; answers the bed it left. */
	Optional<BedId> closeAssignment(EncounterId encounter, Instant at) {
		return jdbc.sql("""
				update adt_bed_assignment set ended_at = greatest(cast(:at as timestamptz), started_at)
				where encounter_id = :encounter and ended_at is null returning bed_id""")
			.param("at", Timestamp.from(at))
			.param("encounter", encounter.value())
			.query(Long.class)
			.optional()
			.map(BedId::new);
	}

	/**
	 * The bed histories of the encounters, oldest first; with {@code asOf}, as they stood
	 * then (later stays left out, stays that ended later shown as current).
	 */
	Map<EncounterId, List<BedStay>> stays(Collection<EncounterId> encounters, @Nullable Instant asOf) {
		Map<EncounterId, List<BedStay>> result = new HashMap<>();
		if (encounters.isEmpty()) {
			return result;
		}
		jdbc.sql("""
				select a.encounter_id, a.started_at, a.ended_at, b.id, b.code, b.status, r.id as room_id,
				       r.code as room_code, w.id as ward_id, w.code as ward_code, w.name as ward_name
				from adt_bed_assignment a join adt_bed b on b.id = a.bed_id join adt_room r on r.id = b.room_id
				join adt_ward w on w.id = r.ward_id
				where a.encounter_id in (:ids) and (cast(:asOf as timestamptz) is null or a.started_at <= :asOf)
				order by a.encounter_id, a.started_at, a.id""")
			.param("ids", encounters.stream().map(EncounterId::value).toList())
			.param("asOf", asOf == null ? null : Timestamp.from(asOf))
			.query((rs, n) -> {
				Instant ended = instant(rs, "ended_at");
				if (asOf != null && ended != null && ended.isAfter(asOf)) {
					ended = null;
				}
				BedLocation bed = new BedLocation(new BedId(rs.getLong("id")), rs.getString("code"),
						BedStatus.valueOf(rs.getString("status")), rs.getLong("room_id"), rs.getString("room_code"),
						rs.getLong("ward_id"), rs.getString("ward_code"), rs.getString("ward_name"));
				result.computeIfAbsent(new EncounterId(rs.getLong("encounter_id")), k -> new ArrayList<>())
					.add(new BedStay(bed, rs.getTimestamp("started_at").toInstant(), ended));
				return 0;
			})
			.list();
		return result;
	}

	/** The patient's in-progress encounter that has a bed now, if any. */
	Optional<Row> currentStay(PatientId patient) {
		return jdbc.sql("""
				select e.* from adt_encounter e
				join adt_bed_assignment a on a.encounter_id = e.id and a.ended_at is null
				where e.patient_id = :patient and e.status = 'IN_PROGRESS'
				order by e.class = 'INPATIENT' desc, a.started_at desc limit 1""")
			.param("patient", patient.value())
			.query((rs, n) -> row(rs, rs.getTimestamp("updated_at")))
			.optional();
	}

	/**
	 * The ward each of these patients lies on now (an encounter in progress with a bed),
	 * as patient id to ward.
	 */
	java.util.Map<Long, Ward> currentWards(Collection<Long> patients) {
		java.util.Map<Long, Ward> wards = new java.util.HashMap<>();
		jdbc.sql(
				"""
						select e.patient_id, w.id, w.code, w.name, w.service from adt_encounter e
						join adt_bed_assignment a on a.encounter_id = e.id and a.ended_at is null
						join adt_bed b on b.id = a.bed_id join adt_room r on r.id = b.room_id join adt_ward w on w.id = r.ward_id
						where e.patient_id = any(cast(:patients as bigint[])) and e.status = 'IN_PROGRESS'""")
			.param("patients", patients.toArray(Long[]::new))
			.query((rs, n) -> wards.put(rs.getLong("patient_id"),
					new Ward(rs.getLong("id"), rs.getString("code"), rs.getString("name"),
							Specialty.valueOf(rs.getString("service")))))
			.list();
		return wards;
	}

	/** Encounters not cancelled with an id above {@code afterId}, in id order. */
	List<Row> rowsAfter(long afterId, int limit) {
		return jdbc
			.sql("select * from adt_encounter where id > :after and status <> 'CANCELLED' order by id limit :limit")
			.param("after", afterId)
			.param("limit", limit)
			.query((rs, n) -> row(rs, rs.getTimestamp("updated_at")))
			.list();
	}

	/** The encounters with these ids that were not cancelled, in id order. */
	/** The patients in a bed on one of these wards now, ascending. */
	List<Long> patientsOnWards(Collection<String> wardCodes) {
		return jdbc
			.sql("""
					select distinct e.patient_id from adt_encounter e
					join adt_bed_assignment a on a.encounter_id = e.id and a.ended_at is null
					join adt_bed b on b.id = a.bed_id join adt_room r on r.id = b.room_id join adt_ward w on w.id = r.ward_id
					where w.code = any(cast(:wards as text[])) and e.status = 'IN_PROGRESS'
					order by e.patient_id""")
			.param("wards", wardCodes.toArray(String[]::new))
			.query(Long.class)
			.list();
	}

	/** Every encounter of these patients, cancelled ones included, by patient and id. */
	List<Row> rowsOfPatients(Collection<Long> patients) {
		return jdbc.sql(
				"select * from adt_encounter where patient_id = any(cast(:patients as bigint[])) order by patient_id, id")
			.param("patients", patients.toArray(Long[]::new))
			.query((rs, n) -> row(rs, rs.getTimestamp("updated_at")))
			.list();
	}

	List<Row> rows(Collection<Long> ids) {
		return jdbc
			.sql("select * from adt_encounter where id = any(cast(:ids as bigint[])) and status <> 'CANCELLED'"
					+ " order by id")
			.param("ids", ids.toArray(Long[]::new))
			.query((rs, n) -> row(rs, rs.getTimestamp("updated_at")))
			.list();
	}

	/**
	 * One page of matching encounters, leaving out the patients in {@code hidden} (the
	 * restricted records the caller may not open).
	 */
	List<Row> search(EncounterQuery query, Set<Long> hidden, int limit, int offset) {
		Map<String, Object> params = criteria(query, hidden);
		return jdbc
			.sql("select e.* from adt_encounter e where " + where(query, params) + " order by "
					+ SearchSql.orderBy(query.controls(), COLUMNS, "e.period_start desc nulls last, e.id desc")
					+ " limit :limit offset :offset")
			.params(params)
			.param("limit", limit)
			.param("offset", offset)
			.query((rs, n) -> row(rs, rs.getTimestamp("updated_at")))
			.list();
	}

	int count(EncounterQuery query, Set<Long> hidden) {
		Map<String, Object> params = criteria(query, hidden);
		return jdbc.sql("select count(*) from adt_encounter e where " + where(query, params))
			.params(params)
			.query(Integer.class)
			.single();
	}

	/** The encounter table as the parameters every FHIR type has read it. */
	private static final SearchSql.Columns COLUMNS = new SearchSql.Columns("e.id", "e.updated_at", "e.patient_id",
			Map.of("date", "e.period_start"));

	/**
	 * The module's criteria and the common ones, their values added to {@code params}.
	 */
	private static String where(EncounterQuery query, Map<String, Object> params) {
		List<String> common = SearchSql.conditions(query.controls(), COLUMNS, params);
		return common.isEmpty() ? WHERE : WHERE + " and " + String.join(" and ", common);
	}

	private static final String WHERE = """
			(:patient = 0 or e.patient_id = :patient)
			and e.patient_id <> all(cast(:hidden as bigint[]))
			and (:anyStatus or e.status in (:statuses))
			and (cast(:to as timestamptz) is null or e.period_start < :to)
			and (cast(:from as timestamptz) is null or e.period_end is null or e.period_end >= :from)
			and (:locationKind = '' or exists (
			    select 1 from adt_bed_assignment a join adt_bed b on b.id = a.bed_id join adt_room r on r.id = b.room_id
			    where a.encounter_id = e.id
			      and ((:locationKind = 'BED' and b.id = :locationId) or (:locationKind = 'ROOM' and r.id = :locationId)
			           or (:locationKind = 'WARD' and r.ward_id = :locationId))))""";

	private static Map<String, Object> criteria(EncounterQuery query, Set<Long> hidden) {
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("patient", query.patient() == null ? 0L : query.patient().value());
		params.put("hidden", hidden.toArray(Long[]::new));
		params.put("anyStatus", query.statuses().isEmpty());
		params.put("statuses",
				query.statuses().isEmpty() ? List.of("-") : query.statuses().stream().map(Enum::name).toList());
		params.put("from", query.from() == null ? null : Timestamp.from(query.from()));
		params.put("to", query.to() == null ? null : Timestamp.from(query.to()));
		params.put("locationKind", query.location() == null ? "" : query.location().kind().name());
		params.put("locationId", query.location() == null ? 0L : query.location().id());
		return params;
	}

	private static Row row(ResultSet rs, Timestamp updated) throws SQLException {
		return new Row(new EncounterId(rs.getLong("id")), new PatientId(rs.getLong("patient_id")),
				EncounterClass.valueOf(rs.getString("class")), EncounterStatus.valueOf(rs.getString("status")),
				instant(rs, "period_start"), instant(rs, "period_end"), rs.getString("practitioner"),
				rs.getString("reason"), rs.getInt("version"), updated.toInstant());
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return value == null ? null : value.toInstant();
	}

}
