package continuum.adt;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import continuum.fhir.SearchSql;
import continuum.patients.PatientId;
import continuum.platform.LikePattern;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class LocationRepository {

	/** A bed and, when it is occupied, the encounter in it. */
	record BedRow(BedLocation bed, @Nullable EncounterId encounter, @Nullable PatientId patient,
			@Nullable Instant admitted, @Nullable Instant since) {
	}

	private static final String BED_SELECT = """
			select b.id, b.code, b.status, r.id as room_id, r.code as room_code, w.id as ward_id,
			       w.code as ward_code, w.name as ward_name
			from adt_bed b join adt_room r on r.id = b.room_id join adt_ward w on w.id = r.ward_id
			""";

	private final JdbcClient jdbc;

	LocationRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long insertWard(String code, String name, Specialty specialty) {
		return jdbc.sql("insert into adt_ward (code, name, service) values (:code, :name, :service) returning id")
			.param("code", code)
			.param("name", name)
			.param("service", specialty.name())
			.query(Long.class)
			.single();
	}

	long insertRoom(long wardId, String code) {
		return jdbc.sql("insert into adt_room (ward_id, code) values (:ward, :code) returning id")
			.param("ward", wardId)
			.param("code", code)
			.query(Long.class)
			.single();
	}

	BedId insertBed(long roomId, String code) {
		return insertBed(roomId, code, BedStatus.OPERATIONAL);
	}

	BedId insertBed(long roomId, String code, BedStatus status) {
		return new BedId(
				jdbc.sql("insert into adt_bed (room_id, code, status) values (:room, :code, :status) returning id")
					.param("room", roomId)
					.param("code", code)
					.param("status", status.name())
					.query(Long.class)
					.single());
	}

	List<Ward> wards() {
		return jdbc.sql("select * from adt_ward order by code").query((rs, n) -> ward(rs)).list();
	}

	Optional<Ward> ward(String code) {
		return jdbc.sql("select * from adt_ward where code = :code")
			.param("code", code)
			.query((rs, n) -> ward(rs))
			.optional();
	}

	List<WardOccupancy> occupancy() {
		return jdbc.sql("""
				select w.*, count(b.id) as beds,
				       count(b.id) filter (where b.status = 'OPERATIONAL') as operational,
				       count(a.id) as occupied
				from adt_ward w
				left join adt_room r on r.ward_id = w.id
				left join adt_bed b on b.room_id = r.id
				left join adt_bed_assignment a on a.bed_id = b.id and a.ended_at is null
				group by w.id order by w.code""")
			.query((rs, n) -> new WardOccupancy(ward(rs), rs.getInt("beds"), rs.getInt("operational"),
					rs.getInt("occupied")))
			.list();
	}

	Optional<BedLocation> bed(BedId id) {
		return jdbc.sql(BED_SELECT + " where b.id = :id").param("id", id.value()).query((rs, n) -> bed(rs)).optional();
	}

	/**
	 * Every bed of the ward in room and bed order, with the encounter lying in it now.
	 */
	List<BedRow> beds(long wardId) {
		return jdbc.sql("""
				select b.id, b.code, b.status, r.id as room_id, r.code as room_code, w.id as ward_id,
				       w.code as ward_code, w.name as ward_name,
				       a.encounter_id, e.patient_id, e.period_start, a.started_at
				from adt_bed b join adt_room r on r.id = b.room_id join adt_ward w on w.id = r.ward_id
				left join adt_bed_assignment a on a.bed_id = b.id and a.ended_at is null
				left join adt_encounter e on e.id = a.encounter_id
				where w.id = :ward order by r.code, b.code""").param("ward", wardId).query((rs, n) -> {
			long encounter = rs.getLong("encounter_id");
			boolean occupied = !rs.wasNull();
			return new BedRow(bed(rs), occupied ? new EncounterId(encounter) : null,
					occupied ? new PatientId(rs.getLong("patient_id")) : null,
					occupied ? rs.getTimestamp("period_start").toInstant() : null,
					occupied ? rs.getTimestamp("started_at").toInstant() : null);
		}).list();
	}

	boolean occupied(BedId bed) {
		return jdbc.sql("select count(*) from adt_bed_assignment where bed_id = :bed and ended_at is null")
			.param("bed", bed.value())
			.query(Long.class)
			.single() > 0;
	}

	/** When the bed's last patient left it, if anyone ever lay in it. */
	Optional<Instant> lastVacated(BedId bed) {
		return jdbc.sql("""
				select ended_at from adt_bed_assignment where bed_id = :bed and ended_at is not null
				order by ended_at desc limit 1""")
			.param("bed", bed.value())
			.query((rs, n) -> rs.getTimestamp(1).toInstant())
			.optional();
	}

	/**
	 * Sets the status and raises the version, if the bed is at {@code expectedVersion}
	 * (any version when null); answers whether it was.
	 */
	boolean setStatus(BedId bed, BedStatus status, @Nullable Integer expectedVersion) {
		return jdbc.sql("""
				update adt_bed set status = :status, version = version + 1
				where id = :id and (cast(:expected as integer) is null or version = :expected)""")
			.param("status", status.name())
			.param("id", bed.value())
			.param("expected", expectedVersion, java.sql.Types.INTEGER)
			.update() == 1;
	}

	Optional<Place> place(LocationRef ref) {
		return jdbc.sql("select *, " + KEPT_AT + " as kept_at from adt_place where kind = :kind and id = :id")
			.param("kind", ref.kind().name())
			.param("id", ref.id())
			.query((rs, n) -> current(rs))
			.optional();
	}

	List<Place> places(LocationQuery query, int limit, int offset) {
		Map<String, Object> params = criteria(query);
		String where = where(query, params);
		return jdbc
			.sql("select *, " + KEPT_AT + " as kept_at from adt_place where " + where + " order by "
					+ SearchSql.orderBy(query.controls(), COLUMNS, "sort_key, kind") + " limit :limit offset :offset")
			.params(params)
			.param("limit", limit)
			.param("offset", offset)
			.query((rs, n) -> current(rs))
			.list();
	}

	int count(LocationQuery query) {
		Map<String, Object> params = criteria(query);
		return jdbc.sql("select count(*) from adt_place where " + where(query, params))
			.params(params)
			.query(Integer.class)
			.single();
	}

	/**
	 * When a place's current version was written: the time its kept version carries (V154
	 * keeps every version of every place, in the writing statement).
	 */
	private static final String KEPT_AT = "(select v.recorded_at from adt_location_version v where v.kind = adt_place.kind"
			+ " and v.location_id = adt_place.id and v.version = adt_place.version)";

	private static final String WHERE = """
			(cast(:kind as varchar) is null or kind = :kind)
			and (cast(:name as varchar) is null or lower(name) like lower(:name))
			and (cast(:parentKind as varchar) is null or (parent_kind = :parentKind and parent_id = :parentId))
			and (:anySpecialty or service in (:specialties))
			and (cast(:topLevel as boolean) is null or (parent_kind is null) = :topLevel)""";

	/**
	 * The places as the parameters every FHIR type has read them: the FHIR id is the
	 * kind's prefix and the row's id ({@code bed-140}); its {@code _lastUpdated} is when
	 * its current version was written ({@link #KEPT_AT}); {@code type:text} reads the
	 * specialty's label, the text of {@code Location.type}.
	 */
	private static final SearchSql.Columns COLUMNS = new SearchSql.Columns("(lower(kind) || '-' || id)", KEPT_AT, null,
			Map.of("name", "lower(name)"), true)
		.withText("type", specialtyLabel());

	/**
	 * The text of a place's {@code type}: its specialty's label, from the enum
	 * (constants, never input).
	 */
	private static String specialtyLabel() {
		StringBuilder sql = new StringBuilder("(case service");
		for (Specialty specialty : Specialty.values()) {
			sql.append(" when '")
				.append(specialty.name())
				.append("' then '")
				.append(specialty.label().replace("'", "''"))
				.append("'");
		}
		return sql.append(" end)").toString();
	}

	private static String where(LocationQuery query, Map<String, Object> params) {
		List<String> conditions = SearchSql.conditions(query.controls(), COLUMNS, params);
		return conditions.isEmpty() ? WHERE : WHERE + " and " + String.join(" and ", conditions);
	}

	private static Map<String, Object> criteria(LocationQuery query) {
		Map<String, Object> params = new HashMap<>();
		params.put("kind", query.kind() == null ? null : query.kind().name());
		params.put("name", query.name() == null ? null : LikePattern.containing(query.name()));
		params.put("parentKind", query.partOf() == null ? null : query.partOf().kind().name());
		params.put("parentId", query.partOf() == null ? 0L : query.partOf().id());
		params.put("anySpecialty", query.specialties().isEmpty());
		params.put("specialties",
				query.specialties().isEmpty() ? List.of("-") : query.specialties().stream().map(Enum::name).toList());
		params.put("topLevel", query.topLevel());
		return params;
	}

	/**
	 * Every place as one list, wards first, then rooms, then beds, each by id: the order
	 * the keyset of {@link #placesAfter} follows ({@code rank}, {@code id}).
	 */
	private static final String PLACES_IN_WARDS = """
			select * from (
			  select 1 as rank, 'WARD' as kind, w.id, w.code, w.name, w.id as ward_id, null as bed_status
			  from adt_ward w
			  union all
			  select 2, 'ROOM', r.id, r.code, 'Room ' || r.code || ' (' || w.code || ')', w.id, null
			  from adt_room r join adt_ward w on w.id = r.ward_id
			  union all
			  select 3, 'BED', b.id, b.code, 'Bed ' || b.code || ' (' || w.code || ')', w.id, b.status
			  from adt_bed b join adt_room r on r.id = b.room_id join adt_ward w on w.id = r.ward_id) p
			""";

	/**
	 * Places after {@code after} (null: from the first) in wards-rooms-beds, id order.
	 */
	List<PlaceInWard> placesAfter(@Nullable LocationRef after, int limit) {
		return jdbc.sql(PLACES_IN_WARDS + " where (rank, id) > (:rank, :id) order by rank, id limit :limit")
			.param("rank", after == null ? 0 : after.kind().ordinal() + 1)
			.param("id", after == null ? 0L : after.id())
			.param("limit", limit)
			.query((rs, n) -> placeInWard(rs))
			.list();
	}

	/** The places with these references, in wards-rooms-beds, id order. */
	List<PlaceInWard> places(java.util.Collection<LocationRef> refs) {
		return jdbc.sql(PLACES_IN_WARDS + " where kind || '-' || id = any(cast(:refs as varchar[])) order by rank, id")
			.param("refs", refs.stream().map(r -> r.kind().name() + "-" + r.id()).toArray(String[]::new))
			.query((rs, n) -> placeInWard(rs))
			.list();
	}

	private static PlaceInWard placeInWard(ResultSet rs) throws SQLException {
		String bedStatus = rs.getString("bed_status");
		return new PlaceInWard(new LocationRef(LocationKind.valueOf(rs.getString("kind")), rs.getLong("id")),
				rs.getString("code"), rs.getString("name"), new LocationRef(LocationKind.WARD, rs.getLong("ward_id")),
				bedStatus == null ? null : BedStatus.valueOf(bedStatus));
	}

	private static Ward ward(ResultSet rs) throws SQLException {
		return new Ward(rs.getLong("id"), rs.getString("code"), rs.getString("name"),
				Specialty.valueOf(rs.getString("service")));
	}

	private static BedLocation bed(ResultSet rs) throws SQLException {
		return new BedLocation(new BedId(rs.getLong("id")), rs.getString("code"),
				BedStatus.valueOf(rs.getString("status")), rs.getLong("room_id"), rs.getString("room_code"),
				rs.getLong("ward_id"), rs.getString("ward_code"), rs.getString("ward_name"));
	}

	/** A place as it is now, with the time its current version was written. */
	private static Place current(ResultSet rs) throws SQLException {
		Place place = place(rs);
		java.sql.Timestamp keptAt = rs.getTimestamp("kept_at");
		return new Place(place.ref(), place.code(), place.name(), place.partOf(), place.specialty(), place.bedStatus(),
				place.occupied(), place.version(), keptAt == null ? null : keptAt.toInstant());
	}

	static Place place(ResultSet rs) throws SQLException {
		String parentKind = rs.getString("parent_kind");
		String bedStatus = rs.getString("bed_status");
		return new Place(new LocationRef(LocationKind.valueOf(rs.getString("kind")), rs.getLong("id")),
				rs.getString("code"), rs.getString("name"),
				parentKind == null ? null : new LocationRef(LocationKind.valueOf(parentKind), rs.getLong("parent_id")),
				Specialty.valueOf(rs.getString("service")), bedStatus == null ? null : BedStatus.valueOf(bedStatus),
				rs.getBoolean("occupied"), rs.getObject("version", Integer.class));
	}

}
