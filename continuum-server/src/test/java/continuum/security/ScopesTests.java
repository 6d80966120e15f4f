package continuum.security;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScopesTests {

	@Test
	void grantsTheWholeRoleWhenNothingIsRequested() {
		assertThat(Scopes.grant(Role.RADIOGRAPHER, "")).containsExactlyElementsOf(Scopes.of(Role.RADIOGRAPHER));
	}

	@Test
	void intersectsWildcardsAndLettersWithTheRole() {
		assertThat(Scopes.grant(Role.NURSE, "user/*.rs")).contains("user/Patient.rs", "user/Encounter.rs")
			.doesNotContain("user/AuditEvent.rs");
		assertThat(Scopes.grant(Role.NURSE, "user/MedicationStatement.cruds"))
			.containsExactly("user/MedicationStatement.rs");
	}

	@Test
	void understandsSmartV1ReadAndWrite() {
		assertThat(Scopes.grant(Role.PHYSICIAN, "user/Condition.read")).containsExactly("user/Condition.rs");
		assertThat(Scopes.grant(Role.PHYSICIAN, "user/Condition.write")).containsExactly("user/Condition.cu");
	}

	@Test
	void refusesAPatientScopeRatherThanWideningItToTheUser() {
		assertThatThrownBy(() -> Scopes.grant(Role.PHYSICIAN, "patient/Patient.c"))
			.isInstanceOf(InvalidScopeException.class)
			.hasMessageContaining("patient/Patient.c")
			.hasMessageContaining("patient context");
		assertThatThrownBy(() -> Scopes.grant(Role.PHYSICIAN, "user/Patient.rs patient/*.rs"))
			.isInstanceOf(InvalidScopeException.class);
	}

	@Test
	void refusesScopesItCannotHonourAsAsked() {
		for (String scope : List.of("system/Patient.rs", "openid", "fhirUser", "launch/patient", "offline_access",
				"admin/Patient.rs", "user/Patient", "user/Patient.", "user/Patient.rx", "user/Patient.sr",
				"user/Patient.rrs", "user/Unicorn.rs", "user/Patient.rs?name=x", "user/patient.rs")) {
			assertThatThrownBy(() -> Scopes.grant(Role.PHYSICIAN, scope)).as(scope)
				.isInstanceOf(InvalidScopeException.class);
		}
	}

	@Test
	void refusesARequestOfWhichTheRoleAllowsNothing() {
		assertThatThrownBy(() -> Scopes.grant(Role.AUDITOR, "user/Patient.rs"))
			.isInstanceOf(InvalidScopeException.class)
			.hasMessageContaining("allows none");
		assertThatThrownBy(() -> Scopes.grant(Role.NURSE, "user/Patient.d")).isInstanceOf(InvalidScopeException.class);
	}

	@Test
	void checksAnInteractionAgainstGrantedScopes() {
		List<String> scopes = List.of("user/Patient.rs", "user/Encounter.cruds");
		assertThat(Scopes.allows(scopes, "Patient", Interaction.READ)).isTrue();
		assertThat(Scopes.allows(scopes, "Patient", Interaction.UPDATE)).isFalse();
		assertThat(Scopes.allows(scopes, "Encounter", Interaction.DELETE)).isTrue();
		assertThat(Scopes.allows(scopes, "Condition", Interaction.READ)).isFalse();
	}

}
