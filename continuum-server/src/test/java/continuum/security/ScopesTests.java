package continuum.security;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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
		assertThat(Scopes.grant(Role.AUDITOR, "user/Patient.rs")).isEmpty();
	}

	@Test
	void understandsSmartV1ReadAndWrite() {
		assertThat(Scopes.grant(Role.PHYSICIAN, "user/Condition.read")).containsExactly("user/Condition.rs");
		assertThat(Scopes.grant(Role.PHYSICIAN, "user/Condition.write")).containsExactly("user/Condition.cu");
	}

	@Test
	void ignoresMalformedScopes() {
		assertThat(Scopes.grant(Role.PHYSICIAN, "openid fhirUser launch/patient admin/Patient.rs")).isEmpty();
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
