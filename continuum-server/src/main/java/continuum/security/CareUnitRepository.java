package continuum.security;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The staff's ward and department, {@code staff_care_unit}. */
@Repository
class CareUnitRepository {

	private final JdbcClient jdbc;

	CareUnitRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<CareUnit> ofUsername(String username) {
		return jdbc.sql("""
				select u.id, c.ward_code, c.department from app_user u
				left join staff_care_unit c on c.user_id = u.id where u.username = :username""")
			.param("username", username)
			.query((rs, n) -> new CareUnit(rs.getLong("id"), rs.getString("ward_code"), rs.getString("department")))
			.optional();
	}

	CareUnit ofStaff(long id) {
		return jdbc.sql("select ward_code, department from staff_care_unit where user_id = :id")
			.param("id", id)
			.query((rs, n) -> new CareUnit(id, rs.getString("ward_code"), rs.getString("department")))
			.optional()
			.orElse(new CareUnit(id, null, null));
	}

	void set(long id, @Nullable String wardCode, @Nullable String department, Instant at) {
		jdbc.sql("""
				insert into staff_care_unit (user_id, ward_code, department, updated_at)
				values (:id, :ward, :department, :at)
				on conflict (user_id) do update set ward_code = excluded.ward_code,
				  department = excluded.department, updated_at = excluded.updated_at""")
			.param("id", id)
			.param("ward", wardCode)
			.param("department", department)
			.param("at", Timestamp.from(at))
			.update();
	}

}
