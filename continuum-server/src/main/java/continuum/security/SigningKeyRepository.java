package continuum.security;

import java.security.SecureRandom;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The key that signs API tokens, kept in the database so that every node accepts every
 * token: the first node to need it creates it, the others read that one.
 */
@Repository
class SigningKeyRepository {

	static final String KEY_ID = "primary";

	private final JdbcClient jdbc;

	SigningKeyRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The key, created at random if no node has created it yet. */
	byte[] key() {
		byte[] fresh = new byte[32];
		new SecureRandom().nextBytes(fresh);
		jdbc.sql("insert into token_signing_key (id, secret) values (:id, :secret) on conflict do nothing")
			.param("id", KEY_ID)
			.param("secret", fresh)
			.update();
		return jdbc.sql("select secret from token_signing_key where id = :id")
			.param("id", KEY_ID)
			.query(byte[].class)
			.single();
	}

}
