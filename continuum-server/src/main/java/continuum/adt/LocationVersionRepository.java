package continuum.adt;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The kept versions of wards, rooms and beds ({@code adt_location_version}, written by
 * the tables' triggers), read back as the Location view shows a place, newest first (time
 * written, then kind, id and version).
 */
@Repository
class LocationVersionRepository {

	private static final String SELECT = """
			select (jsonb_populate_record(null::adt_place, v.snapshot)).*, v.recorded_at as kept_at
			from adt_location_version v
			""";

	private static final String WHERE = """
			where (cast(:kind as varchar) is null or (v.kind = :kind and v.location_id = :id))
			  and v.recorded_at >= coalesce(:since, '-infinity'::timestamptz)
			""";

	private final JdbcClient jdbc;

	LocationVersionRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<LocationVersion> version(LocationRef ref, int version) {
		return jdbc.sql(SELECT + "where v.kind = :kind and v.location_id = :id and v.version = :version")
			.param("kind", ref.kind().name())
			.param("id", ref.id())
			.param("version", version)
			.query((rs, n) -> version(rs))
			.optional();
	}

	List<LocationVersion> versions(@Nullable LocationRef ref, @Nullable Instant since, int limit, int offset) {
		return jdbc.sql(SELECT + WHERE + """
				order by v.recorded_at desc, v.kind desc, v.location_id desc, v.version desc
				limit :limit offset :offset""")
			.param("kind", new SqlParameterValue(java.sql.Types.VARCHAR, ref == null ? null : ref.kind().name()))
			.param("id", ref == null ? 0L : ref.id())
			.param("since", since(since))
			.param("limit", limit)
			.param("offset", offset)
			.query((rs, n) -> version(rs))
			.list();
	}

	int count(@Nullable LocationRef ref, @Nullable Instant since) {
		return jdbc.sql("select count(*) from adt_location_version v " + WHERE)
			.param("kind", new SqlParameterValue(java.sql.Types.VARCHAR, ref == null ? null : ref.kind().name()))
			.param("id", ref == null ? 0L : ref.id())
			.param("since", since(since))
			.query(Integer.class)
			.single();
	}

	private static LocationVersion version(ResultSet rs) throws SQLException {
		return new LocationVersion(LocationRepository.place(rs), rs.getTimestamp("kept_at").toInstant());
	}

	private static SqlParameterValue since(@Nullable Instant since) {
		return new SqlParameterValue(java.sql.Types.TIMESTAMP_WITH_TIMEZONE,
				since == null ? null : since.atOffset(java.time.ZoneOffset.UTC));
	}

}
