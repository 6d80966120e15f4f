package continuum.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordRuleTests {

	@Test
	void aLongEnoughUncommonPasswordWithoutTheUsernameIsAccepted() {
		assertThat(PasswordRule.problem("koffie-om-drie-uur", "a.peeters")).isNull();
		assertThat(PasswordRule.problem("Z".repeat(72), "a.peeters")).as("72 bytes").isNull();
		assertThat(PasswordRule.problem("é".repeat(36), "a.peeters")).as("72 bytes in 36 letters").isNull();
	}

	@Test
	void tooShortOrLongerThanBcryptReadsIsRefused() {
		assertThat(PasswordRule.problem(null, "a.peeters")).contains("at least 8 characters");
		assertThat(PasswordRule.problem("kort-12", "a.peeters")).contains("at least 8 characters");
		assertThat(PasswordRule.problem("Z".repeat(73), "a.peeters")).contains("at most 72 bytes");
		assertThat(PasswordRule.problem("é".repeat(37), "a.peeters")).as("37 letters, 74 bytes")
			.contains("at most 72 bytes");
	}

	@Test
	void theUsernameInsideThePasswordIsRefusedWhateverItsCase() {
		assertThat(PasswordRule.problem("A.Peeters2026", "a.peeters")).contains("does not contain the username");
		assertThat(PasswordRule.problem("mijn-nurse-wachtwoord", "nurse")).contains("username");
		assertThat(PasswordRule.problem("mijn-nurse-wachtwoord", null)).isNull();
	}

	@Test
	void passwordsEveryoneTriesFirstAreRefusedWhateverTheirCase() {
		for (String common : new String[] { "Welkom123", "AZERTY123", "Password1", "12345678", "Wachtwoord1",
				"changeme" }) {
			assertThat(PasswordRule.problem(common, "a.peeters")).as(common).contains("first anyone guessing");
		}
	}

}
