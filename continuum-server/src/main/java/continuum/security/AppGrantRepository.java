package continuum.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * EHR launches, grants, authorization codes and refresh tokens of SMART apps, each secret
 * value by its SHA-256. Taking a launch, redeeming a code and rotating a refresh token
 * are one conditional statement each, so that each is good once across every node.
 */
@Repository
class AppGrantRepository {

	/** A launch made from the chart, as taken by the authorization request. */
	record Launch(String clientId, String username, String patientId) {
	}

	/** An authorization code as redeemed. */
	record Code(UUID grantId, String redirectUri, String challenge, Instant expiresAt) {
	}

	private final JdbcClient jdbc;

	AppGrantRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void saveLaunch(String hash, String clientId, String username, String patientId, Instant expires, Instant now) {
		jdbc.sql("delete from smart_launch where expires_at < :now").param("now", utc(now)).update();
		jdbc.sql("""
				insert into smart_launch (launch_hash, client_id, username, patient_id, expires_at)
				values (:hash, :client, :username, :patient, :expires)""")
			.param("hash", hash)
			.param("client", clientId)
			.param("username", username)
			.param("patient", patientId)
			.param("expires", utc(expires))
			.update();
	}

	/** The launch, once: it is removed as it is taken. */
	Optional<Launch> takeLaunch(String hash, Instant now) {
		return jdbc.sql("""
				delete from smart_launch where launch_hash = :hash and expires_at > :now
				returning client_id, username, patient_id""")
			.param("hash", hash)
			.param("now", utc(now))
			.query((rs, row) -> new Launch(rs.getString(1), rs.getString(2), rs.getString(3)))
			.optional();
	}

	void saveGrant(AppGrant grant) {
		jdbc.sql("""
				insert into smart_grant (id, client_id, username, credentials_version, scopes, patient_id,
				    session_hash, granted_at, expires_at)
				values (:id, :client, :username, :version, :scopes, :patient, :session, :granted, :expires)""")
			.param("id", grant.id())
			.param("client", grant.clientId())
			.param("username", grant.username())
			.param("version", grant.credentialsVersion())
			.param("scopes", String.join(" ", grant.scopes()))
			.param("patient", grant.patientId())
			.param("session", grant.sessionHash())
			.param("granted", utc(grant.grantedAt()))
			.param("expires", utc(grant.expiresAt()))
			.update();
	}

	Optional<AppGrant> grant(UUID id) {
		return jdbc.sql("select * from smart_grant where id = :id")
			.param("id", id)
			.query(AppGrantRepository::grantRow)
			.optional();
	}

	/** Whether the grant is neither revoked nor past its end. */
	boolean active(UUID id, Instant now) {
		return jdbc
			.sql("select exists (select 1 from smart_grant where id = :id and revoked_at is null "
					+ "and expires_at > :now)")
			.param("id", id)
			.param("now", utc(now))
			.query(Boolean.class)
			.single();
	}

	/** Revokes the grant; false when it already was. */
	boolean revoke(UUID id, String reason, Instant now) {
		return jdbc
			.sql("update smart_grant set revoked_at = :now, revoked_reason = :reason "
					+ "where id = :id and revoked_at is null")
			.param("id", id)
			.param("reason", reason)
			.param("now", utc(now))
			.update() == 1;
	}

	void saveCode(String hash, UUID grantId, String redirectUri, String challenge, Instant expires, Instant now) {
		jdbc.sql("delete from smart_authorization_code where expires_at < :old")
			.param("old", utc(now.minusSeconds(86_400)))
			.update();
		jdbc.sql("""
				insert into smart_authorization_code (code_hash, grant_id, redirect_uri, code_challenge, expires_at)
				values (:hash, :grant, :redirect, :challenge, :expires)""")
			.param("hash", hash)
			.param("grant", grantId)
			.param("redirect", redirectUri)
			.param("challenge", challenge)
			.param("expires", utc(expires))
			.update();
	}

	/** The code, marked used: empty when it is unknown or was used before. */
	Optional<Code> redeemCode(String hash, Instant now) {
		return jdbc.sql("""
				update smart_authorization_code set used_at = :now where code_hash = :hash and used_at is null
				returning grant_id, redirect_uri, code_challenge, expires_at""")
			.param("hash", hash)
			.param("now", utc(now))
			.query((rs, row) -> new Code(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
					rs.getObject(4, OffsetDateTime.class).toInstant()))
			.optional();
	}

	/** The grant of a code used before, to revoke what it gave. */
	Optional<UUID> grantOfUsedCode(String hash) {
		return jdbc.sql("select grant_id from smart_authorization_code where code_hash = :hash and used_at is not null")
			.param("hash", hash)
			.query(UUID.class)
			.optional();
	}

	void saveRefreshToken(String hash, UUID grantId, Instant now) {
		jdbc.sql("insert into smart_refresh_token (token_hash, grant_id, issued_at) values (:hash, :grant, :now)")
			.param("hash", hash)
			.param("grant", grantId)
			.param("now", utc(now))
			.update();
	}

	/** The refresh token's grant, the token marked used: empty when unknown or used. */
	Optional<UUID> useRefreshToken(String hash, Instant now) {
		return jdbc.sql("""
				update smart_refresh_token set used_at = :now where token_hash = :hash and used_at is null
				returning grant_id""").param("hash", hash).param("now", utc(now)).query(UUID.class).optional();
	}

	/** The grant of a refresh token, used or not. */
	Optional<UUID> grantOfRefreshToken(String hash) {
		return jdbc.sql("select grant_id from smart_refresh_token where token_hash = :hash")
			.param("hash", hash)
			.query(UUID.class)
			.optional();
	}

	/** Whether the web session (by the hash it is stored under) is still open. */
	boolean sessionOpen(String sessionHash) {
		return jdbc.sql("select exists (select 1 from spring_session where session_id = :hash)")
			.param("hash", sessionHash)
			.query(Boolean.class)
			.single();
	}

	private static AppGrant grantRow(ResultSet rs, int row) throws SQLException {
		String scopes = rs.getString("scopes");
		OffsetDateTime revoked = rs.getObject("revoked_at", OffsetDateTime.class);
		return new AppGrant(rs.getObject("id", UUID.class), rs.getString("client_id"), rs.getString("username"),
				rs.getInt("credentials_version"), scopes.isBlank() ? List.of() : Arrays.asList(scopes.split(" ")),
				rs.getString("patient_id"), rs.getString("session_hash"),
				rs.getObject("granted_at", OffsetDateTime.class).toInstant(),
				rs.getObject("expires_at", OffsetDateTime.class).toInstant(),
				revoked == null ? null : revoked.toInstant());
	}

	private static @Nullable OffsetDateTime utc(@Nullable Instant instant) {
		return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
	}

}
