package continuum.security;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who must sign in with a second factor: the privileged roles by default, every person
 * with {@code required-for-all}, never a system client, and no exempt account.
 */
class SecondFactorRequirementTests {

	private static final SecondFactorSettings DEFAULTS = new SecondFactorSettings(false, null, List.of());

	private static final SecondFactorSettings FOR_ALL = new SecondFactorSettings(true, null, List.of());

	@Test
	void byDefaultAdministratorsAuditorsAndPrivacyOfficersOnly() {
		for (Role role : Role.values()) {
			assertThat(SecondFactorService.required(member("someone", role), DEFAULTS)).as(role.name())
				.isEqualTo(role == Role.ADMIN || role == Role.AUDITOR || role == Role.PRIVACY_OFFICER);
		}
	}

	@Test
	void theSettingRequiresItOfEveryPersonButNotOfSystemClients() {
		for (Role role : Role.values()) {
			assertThat(SecondFactorService.required(member("someone", role), FOR_ALL)).as(role.name())
				.isEqualTo(role != Role.SYSTEM);
		}
	}

	@Test
	void exemptAccountsAreExemptAndNoOtherOne() {
		SecondFactorSettings exempt = new SecondFactorSettings(true, null, List.of("admin"));
		assertThat(SecondFactorService.required(member("admin", Role.ADMIN), exempt)).isFalse();
		assertThat(SecondFactorService.required(member("admin3", Role.ADMIN), exempt)).isTrue();
		assertThat(SecondFactorService.required(member("nurse", Role.NURSE), exempt)).isTrue();
	}

	private static StaffMember member(String username, Role role) {
		return new StaffMember(1, username, role, "Peeters", "An", null, true, false);
	}

}
