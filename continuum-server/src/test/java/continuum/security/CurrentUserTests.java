package continuum.security;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import static org.assertj.core.api.Assertions.assertThat;

class CurrentUserTests {

	final CurrentUser currentUser = new CurrentUser(new StaffRepository(org.springframework.jdbc.core.simple.JdbcClient
		.create(new org.springframework.jdbc.datasource.SimpleDriverDataSource())));

	@AfterEach
	void clear() {
		SecurityContextHolder.clearContext();
		RequestContextHolder.resetRequestAttributes();
	}

	@Test
	void outsideAnyRequestAndSignedOutItIsTheServerItself() {
		ActingUser user = currentUser.get();
		assertThat(user).isEqualTo(new ActingUser(ActingUser.Kind.SYSTEM, "system", null, ActingUser.Origin.JOB, null));
		assertThat(user.signedIn()).isFalse();
		assertThat(currentUser.allows("Patient", Interaction.CREATE)).as("the server's own work is not checked")
			.isTrue();
	}

	@Test
	void aSignedInPersonInARequestCarriesRoleAndAddress() {
		inRequestFrom("192.0.2.7");
		signIn("nurse", "ROLE_NURSE");
		assertThat(currentUser.get()).isEqualTo(
				new ActingUser(ActingUser.Kind.PERSON, "nurse", Role.NURSE, ActingUser.Origin.REQUEST, "192.0.2.7"));
		assertThat(currentUser.allows("Patient", Interaction.CREATE)).isTrue();
		assertThat(currentUser.allows("AuditEvent", Interaction.SEARCH)).isFalse();
	}

	@Test
	void anInterfaceAccountIsASystemAccountLimitedByItsTokensScopes() {
		inRequestFrom("192.0.2.8");
		signIn("interface", "ROLE_SYSTEM", "TOKEN", "SCOPE_user/Patient.rs");
		ActingUser user = currentUser.get();
		assertThat(user.kind()).isEqualTo(ActingUser.Kind.SYSTEM);
		assertThat(user.role()).isEqualTo(Role.SYSTEM);
		assertThat(user.signedIn()).isTrue();
		assertThat(currentUser.allows("Patient", Interaction.READ)).isTrue();
		assertThat(currentUser.allows("Encounter", Interaction.READ)).as("outside the token's scopes").isFalse();
	}

	@Test
	void someoneNotSignedInInARequestIsAnonymousAndMayNothing() {
		inRequestFrom("192.0.2.9");
		SecurityContextHolder.getContext()
			.setAuthentication(new AnonymousAuthenticationToken("key", "anonymousUser",
					List.of(new SimpleGrantedAuthority("ROLE_ANONYMOUS"))));
		assertThat(currentUser.get()).isEqualTo(
				new ActingUser(ActingUser.Kind.ANONYMOUS, "anonymous", null, ActingUser.Origin.REQUEST, "192.0.2.9"));
		assertThat(currentUser.allows("Location", Interaction.READ)).isFalse();
	}

	@Test
	void workRunAsTheServerIsTheServersAndTheCallerComesBack() {
		inRequestFrom("192.0.2.10");
		signIn("scheduler", "ROLE_SCHEDULER");
		ActingUser inside = currentUser.asServer(currentUser::get);
		assertThat(inside.kind()).isEqualTo(ActingUser.Kind.SYSTEM);
		assertThat(inside.origin()).isEqualTo(ActingUser.Origin.JOB);
		assertThat(currentUser.get().username()).isEqualTo("scheduler");
		assertThat(currentUser.get().address()).isEqualTo("192.0.2.10");
	}

	private static void inRequestFrom(String address) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setRemoteAddr(address);
		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
	}

	private static void signIn(String username, String... authorities) {
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(username, null,
					java.util.Arrays.stream(authorities).map(SimpleGrantedAuthority::new).toList()));
	}

}
