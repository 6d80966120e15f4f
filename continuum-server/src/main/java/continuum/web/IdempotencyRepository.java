package continuum.web;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The stored outcomes of writes made under an idempotency key (table idempotency_key).
 */
@Repository
class IdempotencyRepository {

	/**
	 * First key of the two-part advisory locks that serialise requests under one key (the
	 * one-part locks of the jobs live in another key space).
	 */
	private static final int LOCK_SPACE = 16;

	private final JdbcClient jdbc;

	IdempotencyRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Holds the key until the end of the transaction, so that a second request under the
	 * same key waits for the first and then answers as it did.
	 */
	void lock(String principal, String key) {
		jdbc.sql("select pg_advisory_xact_lock(:space, hashtext(:principal || ' ' || :key))")
			.param("space", LOCK_SPACE)
			.param("principal", principal)
			.param("key", key)
			.query()
			.singleValue();
	}

	Optional<StoredOutcome> find(String principal, String key) {
		return jdbc.sql("""
				select fingerprint, status, location, content_location, etag, last_modified
				from idempotency_key where principal = :principal and key = :key""")
			.param("principal", principal)
			.param("key", key)
			.query((rs, n) -> new StoredOutcome(rs.getBytes(1), rs.getInt(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6)))
			.optional();
	}

	void insert(String principal, String key, StoredOutcome outcome, Instant at) {
		jdbc.sql(
				"""
						insert into idempotency_key
						  (principal, key, fingerprint, status, location, content_location, etag, last_modified, created_at)
						values (:principal, :key, :fingerprint, :status, :location, :contentLocation, :etag, :lastModified, :at)""")
			.param("principal", principal)
			.param("key", key)
			.param("fingerprint", outcome.fingerprint())
			.param("status", outcome.status())
			.param("location", outcome.location())
			.param("contentLocation", outcome.contentLocation())
			.param("etag", outcome.etag())
			.param("lastModified", outcome.lastModified())
			.param("at", Timestamp.from(at))
			.update();
	}

	int deleteOlderThan(Instant cutoff) {
		return jdbc.sql("delete from idempotency_key where created_at < :cutoff")
			.param("cutoff", Timestamp.from(cutoff))
			.update();
	}

	/**
	 * What answered the write: its status and the headers that name the resource.
	 */
	record StoredOutcome(byte[] fingerprint, int status, @Nullable String location, @Nullable String contentLocation,
			@Nullable String etag, @Nullable String lastModified) {
	}

}
