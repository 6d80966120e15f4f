package continuum.security;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Registered system clients ({@code system_client}) and the assertion ids they have used
 * ({@code client_assertion_jti}).
 */
@Repository
class SystemClientRepository {

	private final JdbcClient jdbc;

	SystemClientRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<SystemClient> find(String clientId) {
		return jdbc.sql("select * from system_client where client_id = :id")
			.param("id", clientId)
			.query(SystemClientRepository::row)
			.optional();
	}

	List<SystemClient> list() {
		return jdbc.sql("select * from system_client order by client_id").query(SystemClientRepository::row).list();
	}

	boolean exists(String clientId) {
		return jdbc.sql("select exists (select 1 from system_client where client_id = :id)")
			.param("id", clientId)
			.query(Boolean.class)
			.single();
	}

	/** Registers the client, or replaces its keys and scopes. */
	void save(SystemClient client) {
		jdbc.sql("""
				insert into system_client (client_id, jwks, scopes, registered_at, registered_by)
				values (:id, :jwks, :scopes, :at, :by)
				on conflict (client_id) do update set jwks = excluded.jwks, scopes = excluded.scopes,
				    registered_at = excluded.registered_at, registered_by = excluded.registered_by""")
			.param("id", client.clientId())
			.param("jwks", client.jwks())
			.param("scopes", String.join(" ", client.scopes()))
			.param("at", client.registeredAt().atOffset(ZoneOffset.UTC))
			.param("by", client.registeredBy())
			.update();
	}

	/**
	 * Remembers an assertion's id until it expires; false if the client used it before
	 * (on any node).
	 */
	boolean firstUse(String clientId, String jti, Instant expires, Instant now) {
		jdbc.sql("delete from client_assertion_jti where expires_at < :now")
			.param("now", now.atOffset(ZoneOffset.UTC))
			.update();
		return jdbc.sql("""
				insert into client_assertion_jti (client_id, jti, expires_at) values (:client, :jti, :expires)
				on conflict do nothing""")
			.param("client", clientId)
			.param("jti", jti)
			.param("expires", expires.atOffset(ZoneOffset.UTC))
			.update() == 1;
	}

	private static SystemClient row(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		String scopes = rs.getString("scopes");
		return new SystemClient(rs.getString("client_id"), rs.getString("jwks"),
				scopes.isBlank() ? List.of() : Arrays.asList(scopes.split(" ")),
				rs.getObject("registered_at", OffsetDateTime.class).toInstant(), rs.getString("registered_by"));
	}

}
