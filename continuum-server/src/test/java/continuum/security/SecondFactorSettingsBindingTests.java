package continuum.security;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documented environment variables of the second factor and the two-person rule bind
 * (relaxed binding drops the dashes: {@code SECONDFACTOR}, not {@code SECOND_FACTOR}),
 * and the defaults are what docs/operations.md says.
 */
class SecondFactorSettingsBindingTests {

	@Test
	void documentedVariablesBind() {
		Binder binder = binder(Map.of("CONTINUUM_SECURITY_SECONDFACTOR_REQUIREDFORALL", "true",
				"CONTINUUM_SECURITY_SECONDFACTOR_KEYFILE", "/srv/keys/second-factor.key",
				"CONTINUUM_SECURITY_SECONDFACTOR_EXEMPTACCOUNTS", "admin,auditor",
				"CONTINUUM_SECURITY_APPROVALS_LIFETIME", "8h"));
		SecondFactorSettings secondFactor = binder.bind("continuum.security.second-factor", SecondFactorSettings.class)
			.get();
		assertThat(secondFactor.requiredForAll()).isTrue();
		assertThat(secondFactor.keyFile()).isEqualTo("/srv/keys/second-factor.key");
		assertThat(secondFactor.exemptAccounts()).containsExactly("admin", "auditor");
		assertThat(binder.bind("continuum.security.approvals", StaffApprovalSettings.class).get().lifetime())
			.isEqualTo(Duration.ofHours(8));
	}

	@Test
	void defaultsRequireTheSecondFactorOfThePrivilegedRolesOnlyAndExemptNobody() {
		Binder binder = binder(Map.of("CONTINUUM_OTHER", "x"));
		SecondFactorSettings secondFactor = binder.bindOrCreate("continuum.security.second-factor",
				SecondFactorSettings.class);
		assertThat(secondFactor.requiredForAll()).isFalse();
		assertThat(secondFactor.exemptAccounts()).isEmpty();
		assertThat(secondFactor.keyFile()).isNull();
		assertThat(binder.bindOrCreate("continuum.security.approvals", StaffApprovalSettings.class).lifetime())
			.isEqualTo(Duration.ofHours(24));
	}

	private static Binder binder(Map<String, Object> variables) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment", variables));
		ConfigurationPropertySources.attach(environment);
		return Binder.get(environment);
	}

}
