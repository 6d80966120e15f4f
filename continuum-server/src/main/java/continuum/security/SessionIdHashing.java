package continuum.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * Web sessions in PostgreSQL (Spring Session JDBC) under the SHA-256 of their id, never
 * the id itself: the cookie's value is a bearer credential, and a reader of
 * {@code spring_session} (a backup, the application's database role) must not be able to
 * present it. The repository's statements hash the id they are given in SQL (the id has
 * 122 random bits, so an unsalted hash cannot be reversed by guessing); a session read by
 * its id is handed back under the id it was asked for. Sessions listed by principal name
 * carry the stored hash as their id, and deleting by that hash works too, so that a
 * listed session can be ended.
 */
@Configuration(proxyBeanMethods = false)
class SessionIdHashing {

	/** The hex SHA-256 of a session id bound as a statement parameter. */
	static final String HASHED = "encode(sha256(convert_to(cast(? as varchar), 'UTF8')), 'hex')";

	@Bean
	SessionRepositoryCustomizer<JdbcIndexedSessionRepository> hashedSessionIds() {
		return repository -> {
			repository.setCreateSessionQuery("""
					INSERT INTO %TABLE_NAME% (PRIMARY_ID, SESSION_ID, CREATION_TIME, LAST_ACCESS_TIME,
					    MAX_INACTIVE_INTERVAL, EXPIRY_TIME, PRINCIPAL_NAME)
					VALUES (?, %HASHED%, ?, ?, ?, ?, ?)""".replace("%HASHED%", HASHED));
			repository.setGetSessionQuery("""
					SELECT S.PRIMARY_ID, K.ID AS SESSION_ID, S.CREATION_TIME, S.LAST_ACCESS_TIME,
					    S.MAX_INACTIVE_INTERVAL, SA.ATTRIBUTE_NAME, SA.ATTRIBUTE_BYTES
					FROM (SELECT CAST(? AS VARCHAR) AS ID) K
					JOIN %TABLE_NAME% S ON S.SESSION_ID = encode(sha256(convert_to(K.ID, 'UTF8')), 'hex')
					LEFT JOIN %TABLE_NAME%_ATTRIBUTES SA ON S.PRIMARY_ID = SA.SESSION_PRIMARY_ID""");
			repository.setUpdateSessionQuery("""
					UPDATE %TABLE_NAME%
					SET SESSION_ID = %HASHED%, LAST_ACCESS_TIME = ?, MAX_INACTIVE_INTERVAL = ?, EXPIRY_TIME = ?,
					    PRINCIPAL_NAME = ?
					WHERE PRIMARY_ID = ?""".replace("%HASHED%", HASHED));
			repository.setDeleteSessionQuery("""
					DELETE FROM %TABLE_NAME% S
					USING (SELECT CAST(? AS VARCHAR) AS ID) K
					WHERE S.SESSION_ID IN (encode(sha256(convert_to(K.ID, 'UTF8')), 'hex'), K.ID)
					AND S.MAX_INACTIVE_INTERVAL >= 0""");
		};
	}

}
