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
 * locked flags, and whether the account is one of the demo hospital's (which share one
 * password: {@link DemoAccountCheck}). Sign-in on the node checks these, never a password
 * stored anywhere.
 */
@Component
class StaffAccounts implements UserDetailsService {

	/** The authority that marks a demo account's sign-in. */
	static final String DEMO_ACCOUNT = "DEMO_ACCOUNT";

	record Account(String username, String role, boolean enabled, boolean locked, String passwordHash,
			long credentialsVersion, boolean demo) {

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
				  password_hash, credentials_version, coalesce(demo, false) from staff_account
				where username = ? order by enabled desc, credentials_version desc limit 1""")
			.params(clock.instant().atOffset(java.time.ZoneOffset.UTC), username)
			.query((rs, n) -> new Account(rs.getString(1), rs.getString(2) == null ? "" : rs.getString(2),
					rs.getBoolean(3), rs.getBoolean(4), rs.getString(5) == null ? "" : rs.getString(5), rs.getLong(6),
					rs.getBoolean(7)))
			.optional();
	}

	/** Whether the store holds an enabled demo account (decides the listen address). */
	boolean anyEnabledDemoAccount() {
		return db.sql("select count(*) from staff_account where demo and enabled").query(Long.class).single() > 0;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		Account account = find(username).orElseThrow(() -> new UsernameNotFoundException("No such account"));
		List<SimpleGrantedAuthority> authorities = new java.util.ArrayList<>(
				List.of(new SimpleGrantedAuthority(account.nodeRole().authority()),
						new SimpleGrantedAuthority("CREDENTIALS_" + account.credentialsVersion())));
		if (account.demo()) {
			authorities.add(new SimpleGrantedAuthority(DEMO_ACCOUNT));
		}
		return User.withUsername(account.username())
			.password(account.passwordHash())
			.disabled(!account.enabled())
			.accountLocked(account.locked())
			.authorities(authorities)
			.build();
	}

}
