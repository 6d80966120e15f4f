package continuum.downtime.viewer;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/**
 * The staff accounts synced from the server: username, bcrypt hash, role, enabled and
 * locked flags. Sign-in on the node checks these, never a password stored anywhere.
 */
@Component
class StaffAccounts implements UserDetailsService {

	record Account(String username, String role, boolean enabled, boolean locked, String passwordHash,
			long credentialsVersion) {

		NodeRole nodeRole() {
			return NodeRole.of(role);
		}
	}

	private final JdbcClient db;

	private final java.time.Clock clock;

	StaffAccounts(JdbcClient db, java.time.Clock clock) {
		this.db = db;
		this.clock = clock;
	}

	Optional<Account> find(String username) {
		return db.sql("""
				select username, role, enabled,
				  case when locked_until is not null then locked_until > ? else locked end,
				  password_hash, credentials_version from staff_account
				where username = ? order by enabled desc, credentials_version desc limit 1""")
			.params(clock.instant().atOffset(java.time.ZoneOffset.UTC), username)
			.query((rs, n) -> new Account(rs.getString(1), rs.getString(2) == null ? "" : rs.getString(2),
					rs.getBoolean(3), rs.getBoolean(4), rs.getString(5) == null ? "" : rs.getString(5), rs.getLong(6)))
			.optional();
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		Account account = find(username).orElseThrow(() -> new UsernameNotFoundException("No such account"));
		return User.withUsername(account.username())
			.password(account.passwordHash())
			.disabled(!account.enabled())
			.accountLocked(account.locked())
			.authorities(List.of(new SimpleGrantedAuthority(account.nodeRole().authority()),
					new SimpleGrantedAuthority("CREDENTIALS_" + account.credentialsVersion())))
			.build();
	}

}
