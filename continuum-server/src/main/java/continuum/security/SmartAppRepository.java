package continuum.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Registered SMART apps ({@code smart_app}); a client secret only as its SHA-256. */
@Repository
class SmartAppRepository {

	private final JdbcClient jdbc;

	SmartAppRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<SmartApp> find(String clientId) {
		return jdbc.sql("select * from smart_app where client_id = :id")
			.param("id", clientId)
			.query(SmartAppRepository::row)
			.optional();
	}

	List<SmartApp> list() {
		return jdbc.sql("select * from smart_app order by name, client_id").query(SmartAppRepository::row).list();
	}

	/** The stored SHA-256 of the app's secret, or empty for a public app. */
	Optional<String> secretHash(String clientId) {
		return jdbc.sql("select secret_hash from smart_app where client_id = :id and secret_hash is not null")
			.param("id", clientId)
			.query(String.class)
			.optional();
	}

	/**
	 * Registers the app or replaces its registration; {@code secretHash} null keeps a
	 * confidential app's secret only when {@code keepSecret}.
	 */
	void save(SmartApp app, @Nullable String secretHash, boolean keepSecret) {
		jdbc.sql("""
				insert into smart_app (client_id, name, redirect_uris, launch_url, scopes, secret_hash, registered_at,
				    registered_by)
				values (:id, :name, :redirects, :launch, :scopes, :secret, :at, :by)
				on conflict (client_id) do update set name = excluded.name, redirect_uris = excluded.redirect_uris,
				    launch_url = excluded.launch_url, scopes = excluded.scopes,
				    secret_hash = case when :keep then smart_app.secret_hash else excluded.secret_hash end,
				    registered_at = excluded.registered_at, registered_by = excluded.registered_by""")
			.param("id", app.clientId())
			.param("name", app.name())
			.param("redirects", String.join(" ", app.redirectUris()))
			.param("launch", app.launchUrl())
			.param("scopes", String.join(" ", app.scopes()))
			.param("secret", secretHash)
			.param("keep", keepSecret)
			.param("at", app.registeredAt().atOffset(ZoneOffset.UTC))
			.param("by", app.registeredBy())
			.update();
	}

	/** Removes the app with its launches, grants, codes and refresh tokens. */
	boolean delete(String clientId) {
		return jdbc.sql("delete from smart_app where client_id = :id").param("id", clientId).update() == 1;
	}

	private static SmartApp row(ResultSet rs, int row) throws SQLException {
		String scopes = rs.getString("scopes");
		return new SmartApp(rs.getString("client_id"), rs.getString("name"),
				Arrays.asList(rs.getString("redirect_uris").split(" ")), rs.getString("launch_url"),
				scopes.isBlank() ? List.of() : Arrays.asList(scopes.split(" ")), rs.getString("secret_hash") != null,
				rs.getObject("registered_at", OffsetDateTime.class).toInstant(), rs.getString("registered_by"));
	}

}
