package continuum.security;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The public halves of every node's token signing keys ({@code token_public_key}), by key
 * id: what a node needs to verify another node's tokens, and what
 * {@code /.well-known/jwks.json} publishes. No private key is ever stored here.
 */
@Repository
class SigningKeyRepository {

	/**
	 * A public key (JWK JSON, no private parts), and until when its node signs with it.
	 */
	record PublicKey(String kid, String jwk, Instant createdAt, Instant signsUntil) {
	}

	private final JdbcClient jdbc;

	SigningKeyRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Publishes a node's new key; publishing the same key again changes nothing. */
	void publish(PublicKey key, String node) {
		jdbc.sql("""
				insert into token_public_key (kid, jwk, created_at, signs_until, node)
				values (:kid, :jwk, :created, :until, :node) on conflict (kid) do nothing""")
			.param("kid", key.kid())
			.param("jwk", key.jwk())
			.param("created", utc(key.createdAt()))
			.param("until", utc(key.signsUntil()))
			.param("node", node)
			.update();
	}

	Optional<PublicKey> find(String kid) {
		return jdbc.sql("select kid, jwk, created_at, signs_until from token_public_key where kid = :kid")
			.param("kid", kid)
			.query(SigningKeyRepository::row)
			.optional();
	}

	/**
	 * The keys that stopped signing after {@code since}: tokens they signed may still be
	 * valid.
	 */
	List<PublicKey> signingAfter(Instant since) {
		return jdbc
			.sql("select kid, jwk, created_at, signs_until from token_public_key where signs_until > :since "
					+ "order by created_at, kid")
			.param("since", utc(since))
			.query(SigningKeyRepository::row)
			.list();
	}

	/** Removes the keys whose every token has expired. */
	int removeRetiredBefore(Instant before) {
		return jdbc.sql("delete from token_public_key where signs_until <= :before")
			.param("before", utc(before))
			.update();
	}

	private static PublicKey row(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new PublicKey(rs.getString("kid"), rs.getString("jwk"),
				rs.getObject("created_at", OffsetDateTime.class).toInstant(),
				rs.getObject("signs_until", OffsetDateTime.class).toInstant());
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
