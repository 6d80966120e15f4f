package continuum.security;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The source addresses each account has signed in from successfully (V26). */
@Repository
class KnownAddressRepository {

	private final JdbcClient jdbc;

	KnownAddressRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void remember(String username, String address, Instant at) {
		jdbc.sql("""
				insert into app_user_known_address (user_id, address, last_success)
				select id, :address, :at from app_user where username = :username
				on conflict (user_id, address) do update set last_success = excluded.last_success""")
			.param("address", address)
			.param("at", Timestamp.from(at))
			.param("username", username)
			.update();
	}

	/**
	 * Whether the account signed in successfully from the address after {@code since}.
	 */
	boolean known(String username, String address, Instant since) {
		return jdbc.sql("""
				select exists (select 1 from app_user_known_address k join app_user u on u.id = k.user_id
				               where u.username = :username and k.address = :address and k.last_success > :since)""")
			.param("username", username)
			.param("address", address)
			.param("since", Timestamp.from(since))
			.query(Boolean.class)
			.single();
	}

}
