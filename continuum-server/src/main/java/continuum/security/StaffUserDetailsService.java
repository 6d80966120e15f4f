package continuum.security;

import java.time.Clock;
import java.util.List;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Loads accounts for login; a locked account is reported as locked until its lock
 * expires.
 */
@Component
class StaffUserDetailsService implements UserDetailsService {

	private final StaffRepository staff;

	private final Clock clock;

	StaffUserDetailsService(StaffRepository staff, Clock clock) {
		this.staff = staff;
		this.clock = clock;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		var credentials = staff.credentials(username)
			.orElseThrow(() -> new UsernameNotFoundException("Unknown account"));
		boolean locked = credentials.lockedUntil() != null && credentials.lockedUntil().isAfter(clock.instant());
		return User.withUsername(username)
			.password(credentials.passwordHash())
			.authorities(List.of(new SimpleGrantedAuthority("ROLE_" + credentials.member().role().name())))
			.accountLocked(locked)
			.disabled(!credentials.member().enabled())
			.build();
	}

}
