package continuum.patients;

import java.time.LocalDate;
import java.util.List;

import continuum.platform.InvalidInputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** MRN check digits, national number checks and name folding, without a database. */
class IdentifierAndNameRulesTests {

	@Test
	void mrnCheckDigitCatchesEverySingleDigitTypo() {
		Mrn mrn = Mrn.fromSequence(1234567);
		assertThat(mrn.value()).hasSize(8).startsWith("1234567");
		for (int position = 0; position < 8; position++) {
			for (char digit = '0'; digit <= '9'; digit++) {
				char[] typo = mrn.value().toCharArray();
				if (typo[position] == digit) {
					continue;
				}
				typo[position] = digit;
				assertThat(Mrn.isValid(new String(typo))).as(new String(typo)).isFalse();
			}
		}
		assertThatThrownBy(() -> Mrn.parse("12345670")).isInstanceOf(InvalidInputException.class);
	}

	@Test
	void nationalNumberEncodesBirthDateAndSexWithItsMod97Check() {
		NationalNumber man = NationalNumber.of(LocalDate.of(1985, 7, 30), 33);
		assertThat(man.formatted()).isEqualTo("85.07.30-033.28");
		assertThat(NationalNumber.parse("85 07 30 033 28").digits()).isEqualTo("85073003328");
		NationalNumber child = NationalNumber.of(LocalDate.of(2003, 2, 1), 2);
		assertThat(child.digits()).isEqualTo("03020100274");
		assertThatThrownBy(() -> NationalNumber.parse("85073003329")).isInstanceOf(InvalidInputException.class)
			.hasMessageNotContaining("85073003329");
	}

	@Test
	void namesFoldAccentsCaseAndGlueParticles() {
		assertThat(PatientNameTokens.of("Van de Velde", List.of())).extracting(PatientNameTokens.Token::text)
			.contains("van", "de", "velde", "develde", "vandevelde");
		assertThat(PatientNameTokens.of("D'Hondt", List.of("Jean-Pierre"))).extracting(PatientNameTokens.Token::text)
			.contains("d", "hondt", "dhondt", "jean", "pierre", "jeanpierre");
		assertThat(PatientNameTokens.of("Lefèvre", List.of("Hélène"))).extracting(PatientNameTokens.Token::text)
			.containsExactly("lefevre", "helene");
		assertThat(PatientNameTokens.of("Müller", List.of())).extracting(PatientNameTokens.Token::text)
			.containsExactly("muller", "mueller");
		assertThat(PatientNameTokens.fold("STRAßE Œuvre")).isEqualTo("strasse oeuvre");
	}

	@Test
	void patientDataRefusesWhatCannotBeRegisteredWithoutEchoingIt() {
		assertThatThrownBy(() -> TestPatients.data(" ", "Marie")).isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("family name");
		assertThatThrownBy(() -> TestPatients.data("x".repeat(201), "Marie")).isInstanceOf(InvalidInputException.class)
			.hasMessageNotContaining("xxxx");
		assertThatThrownBy(() -> Gender.ofCode("feminine")).isInstanceOf(InvalidInputException.class);
	}

}
