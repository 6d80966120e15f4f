package continuum.patients;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The chart's suggestions are the product's own terminology, read from its files without
 * Spring and without a demo hospital (as with {@code CONTINUUM_DEMO=false}).
 */
class CommonTermsTests {

	@Test
	void theSuggestionsLoadFromTheTerminologyFilesWithTheirCodes() {
		assertThat(CommonTerms.SUBSTANCES).hasSize(10)
			.contains(new ClinicalCode("http://snomed.info/sct", "764146007", "Penicillin"),
					ClinicalCode.text("Iodinated contrast media"));
		assertThat(CommonTerms.DRUGS).hasSize(13)
			.contains(new ClinicalCode("http://www.whocc.no/atc", "H03AA01", "Levothyroxine 75 µg tablet"));
		assertThat(CommonTerms.PROBLEMS).hasSize(13)
			.allMatch(term -> "http://hl7.org/fhir/sid/icd-10".equals(term.system()))
			.contains(new ClinicalCode("http://hl7.org/fhir/sid/icd-10", "I10", "Essential (primary) hypertension"));
		for (List<ClinicalCode> terms : List.of(CommonTerms.SUBSTANCES, CommonTerms.DRUGS, CommonTerms.PROBLEMS)) {
			assertThat(terms).extracting(ClinicalCode::text).doesNotHaveDuplicates();
		}
	}

	@Test
	void aTermTypedAsSuggestedIsCodedAndAnythingElseIsFreeText() {
		assertThat(CommonTerms.code(CommonTerms.SUBSTANCES, "  penicillin ").code()).isEqualTo("764146007");
		assertThat(CommonTerms.code(CommonTerms.SUBSTANCES, "Kiwi")).isEqualTo(ClinicalCode.text("Kiwi"));
		assertThat(CommonTerms.term(CommonTerms.DRUGS, "Apixaban 5 mg tablet").code()).isEqualTo("B01AF02");
		assertThatIllegalArgumentException().isThrownBy(() -> CommonTerms.term(CommonTerms.DRUGS, "Kiwi"));
	}

	@Test
	void theTerminologyDoesNotComeFromTheDemoData() {
		JavaClasses terms = new ClassFileImporter().importClasses(CommonTerms.class);
		noClasses().that()
			.haveSimpleName("CommonTerms")
			.should()
			.dependOnClassesThat()
			.haveSimpleNameStartingWith("Demo")
			.check(terms);
	}

}
