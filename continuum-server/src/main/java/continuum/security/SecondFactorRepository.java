package continuum.security;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The sealed TOTP secrets and the hashed recovery codes of staff accounts. */
@Repository
class SecondFactorRepository {

	/** An account's authenticator: its sealed secret and the last step accepted. */
	record Authenticator(byte[] sealedSecret, long lastStep, Instant enrolledAt) {
	}

	private final JdbcClient jdbc;

	SecondFactorRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Authenticator> find(long accountId) {
		return jdbc.sql("select secret, last_step, enrolled_at from second_factor where account_id = :id")
			.param("id", accountId)
			.query((rs, n) -> new Authenticator(rs.getBytes("secret"), rs.getLong("last_step"),
					rs.getTimestamp("enrolled_at").toInstant()))
			.optional();
	}

	/**
	 * Replaces the account's authenticator and recovery codes; {@code step} is the step
	 * of the code that confirmed it, which is not accepted again.
	 */
	void enrol(long accountId, byte[] sealedSecret, long step, Instant at, List<byte[]> recoveryCodeHashes) {
		remove(accountId);
		jdbc.sql("""
				insert into second_factor (account_id, secret, last_step, enrolled_at)
				values (:id, :secret, :step, :at)""")
			.param("id", accountId)
			.param("secret", sealedSecret)
			.param("step", step)
			.param("at", Timestamp.from(at))
			.update();
		for (byte[] hash : recoveryCodeHashes) {
			jdbc.sql("insert into recovery_code (account_id, code_hash) values (:id, :hash)")
				.param("id", accountId)
				.param("hash", hash)
				.update();
		}
	}

	/**
	 * Takes {@code step} as the last one accepted if it comes after the one recorded;
	 * false if another request (on any node) took it or a later one first.
	 */
	boolean advance(long accountId, long step) {
		return jdbc.sql("update second_factor set last_step = :step where account_id = :id and last_step < :step")
			.param("id", accountId)
			.param("step", step)
			.update() == 1;
	}

	/**
	 * Uses up an unused recovery code of the account; false if there is none with this
	 * hash.
	 */
	boolean useRecoveryCode(long accountId, byte[] hash, Instant at) {
		return jdbc.sql("""
				update recovery_code set used_at = :at
				where account_id = :id and code_hash = :hash and used_at is null""")
			.param("at", Timestamp.from(at))
			.param("id", accountId)
			.param("hash", hash)
			.update() == 1;
	}

	int recoveryCodesLeft(long accountId) {
		return jdbc.sql("select count(*) from recovery_code where account_id = :id and used_at is null")
			.param("id", accountId)
			.query(Integer.class)
			.single();
	}

	/** Removes the account's authenticator and recovery codes; whether it had one. */
	boolean remove(long accountId) {
		jdbc.sql("delete from recovery_code where account_id = :id").param("id", accountId).update();
		return jdbc.sql("delete from second_factor where account_id = :id").param("id", accountId).update() == 1;
	}

}
