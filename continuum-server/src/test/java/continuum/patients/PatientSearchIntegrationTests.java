package continuum.patients;

import java.time.LocalDate;
import java.util.List;

import continuum.ContinuumIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Search the way staff type: fragments in any order, accents and case ignored, particles
 * glued or apart, MRN, national number and birth date; exact words rank above prefixes,
 * then family name. Each test adds a unique given name so it finds only its own patients
 * among the demo population.
 */
@ContinuumIntegrationTest
class PatientSearchIntegrationTests {

	@Autowired
	PatientService patients;

	List<PatientId> find(String text) {
		return patients.search(PatientQuery.text(text, 50)).patients().stream().map(Patient::id).toList();
	}

	@Test
	void accentsAndCaseAreIgnored() {
		String u = TestPatients.uniqueWord();
		Patient p = patients.register(TestPatients.data("Lefèvre", "Hélène", u));
		assertThat(find("lefevre " + u)).containsExactly(p.id());
		assertThat(find("LEFÈVRE " + u.toUpperCase())).containsExactly(p.id());
		assertThat(find("helene " + u)).containsExactly(p.id());
		assertThat(find("lef hel " + u)).containsExactly(p.id());
	}

	@Test
	void particlesMatchGluedOrApart() {
		String u = TestPatients.uniqueWord();
		Patient p = patients.register(TestPatients.data("Van de Velde", u));
		assertThat(find("vande " + u)).containsExactly(p.id());
		assertThat(find("vandevelde " + u)).containsExactly(p.id());
		assertThat(find("van de velde " + u)).containsExactly(p.id());
		assertThat(find("velde " + u)).containsExactly(p.id());
		Patient q = patients.register(TestPatients.data("D'Hondt", u));
		assertThat(find("dhondt " + u)).containsExactly(q.id());
		assertThat(find("d'hondt " + u)).containsExactly(q.id());
	}

	@Test
	void fragmentsMatchInAnyOrder() {
		String u = TestPatients.uniqueWord();
		Patient p = patients.register(TestPatients.data("Dubois", "Marie", u));
		assertThat(find("dubois marie " + u)).containsExactly(p.id());
		assertThat(find(u + " marie dubois")).containsExactly(p.id());
		assertThat(find("mar dub " + u)).containsExactly(p.id());
		assertThat(find("dubois sophie " + u)).isEmpty();
	}

	@Test
	void germanUmlautsMatchWithAndWithoutTheirSpelling() {
		String u = TestPatients.uniqueWord();
		Patient p = patients.register(TestPatients.data("Müller", u));
		assertThat(find("muller " + u)).containsExactly(p.id());
		assertThat(find("mueller " + u)).containsExactly(p.id());
		assertThat(find("Müller " + u)).containsExactly(p.id());
	}

	@Test
	void mrnNationalNumberAndBirthDateFindThePatient() {
		String u = TestPatients.uniqueWord();
		LocalDate birth = LocalDate.of(1985, 7, 30);
		NationalNumber number = NationalNumber.parse(TestPatients.nationalNumber(birth));
		Patient p = patients
			.register(TestPatients.data("Goossens", u).withIdentifiers(List.of(Identifier.ssin(number.digits()))));
		assertThat(find(p.mrn())).containsExactly(p.id());
		assertThat(find(number.formatted())).containsExactly(p.id());
		assertThat(find(number.digits())).containsExactly(p.id());
		assertThat(find(u + " 30/07/1985")).containsExactly(p.id());
		assertThat(find(u + " 1985-07-30")).containsExactly(p.id());
		assertThat(find(u + " 30/07/85")).containsExactly(p.id());
		assertThat(find(u + " 31.07.1985")).isEmpty();
	}

	@Test
	void exactWordsRankAbovePrefixesThenFamilyName() {
		String u = TestPatients.uniqueWord();
		Patient maesen = patients.register(TestPatients.data("Maesen", u));
		Patient maes = patients.register(TestPatients.data("Maes", u));
		assertThat(find("maes " + u)).containsExactly(maes.id(), maesen.id());
		String v = TestPatients.uniqueWord();
		Patient claes = patients.register(TestPatients.data("Claes", v));
		Patient aerts = patients.register(TestPatients.data("Aerts", v));
		Patient debacker = patients.register(TestPatients.data("De Backer", v));
		assertThat(find(v)).containsExactly(aerts.id(), claes.id(), debacker.id());
	}

	@Test
	void searchReportsTheTotalAndPagesByOffset() {
		String u = TestPatients.uniqueWord();
		for (int i = 0; i < 5; i++) {
			patients.register(TestPatients.data("Peeters", u));
		}
		PatientPage first = patients.search(new PatientQuery(u, null, null, null, null, null, null, null, null, 2, 0));
		PatientPage third = patients.search(new PatientQuery(u, null, null, null, null, null, null, null, null, 2, 4));
		assertThat(first.total()).isEqualTo(5);
		assertThat(first.patients()).hasSize(2);
		assertThat(third.patients()).hasSize(1);
		assertThat(third.total()).isEqualTo(5);
	}

	@Test
	void sqlLookingSearchTextIsJustText() {
		String u = TestPatients.uniqueWord();
		Patient p = patients.register(TestPatients.data("O'Drop", u));
		assertThat(find("'; drop table patient; -- " + u)).isEmpty();
		assertThat(find(u + "' or '1'='1")).isEmpty();
		assertThat(find("o'drop " + u)).containsExactly(p.id());
		Patient wildcard = patients.register(TestPatients.data("Cent%Pour_" + u));
		assertThat(find("%")).contains(wildcard.id()).doesNotContain(p.id()).hasSizeLessThan(10);
		assertThat(find("_")).contains(wildcard.id()).doesNotContain(p.id()).hasSizeLessThan(10);
		assertThat(find("\\")).doesNotContain(wildcard.id(), p.id()).hasSizeLessThan(10);
		assertThat(patients.exists(p.id())).isTrue();
	}

	@Test
	void demoPopulationHasBelgianNamesWithAccentsAndParticles() {
		assertThat(patients.search(PatientQuery.text("van", 5)).total()).isGreaterThan(0);
		assertThat(patients.search(PatientQuery.text("lefevre", 5)).patients())
			.allMatch(p -> p.family().equals("Lefèvre"));
		assertThat(patients.search(PatientQuery.text("lefevre", 5)).total()).isGreaterThan(0);
	}

}
