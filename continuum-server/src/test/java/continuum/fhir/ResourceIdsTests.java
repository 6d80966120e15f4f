package continuum.fhir;

import java.util.OptionalLong;

import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The one rule for ids in FHIR requests: the canonical decimal form of a positive
 * {@code long} names that number, and no other text names any.
 */
class ResourceIdsTests {

	@Property
	void everyPositiveIdReadsBackFromItsCanonicalForm(@ForAll @LongRange(min = 1) long id) {
		assertThat(ResourceIds.parse(Long.toString(id))).hasValue(id);
	}

	/**
	 * No text is an alias: whatever parses is the canonical form of what it parses to.
	 */
	@Property(tries = 5000)
	void onlyTheCanonicalFormOfANumberParses(@ForAll("idLikeText") String text) {
		OptionalLong id = ResourceIds.parse(text);
		if (id.isPresent()) {
			assertThat(Long.toString(id.getAsLong())).isEqualTo(text);
			assertThat(id.getAsLong()).isPositive();
		}
		else {
			assertThat(canonicalPositive(text)).as("%s is canonical but was refused", text).isFalse();
		}
	}

	/** A canonical id with something added or changed is never read as that id. */
	@Property
	void aDecoratedIdNamesNothing(@ForAll @LongRange(min = 1) long id, @ForAll("decorations") String decoration) {
		String canonical = Long.toString(id);
		String decorated = decoration.replace("#", canonical);
		assertThat(ResourceIds.parse(decorated)).as(decorated).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "0", "00", "007", "07", "+7", "-7", " 7", "7 ", "7\t", "7.0", "7e0", "0x7", "1_000",
			"7a", "seven", "\u0667", "\uff17", "\u00b9", "9223372036854775808", "92233720368547758070",
			"99999999999999999999", "-9223372036854775808", "7/_history/1", "7\u0000" })
	void textThatIsNotTheCanonicalFormOfAPositiveNumberNamesNothing(String text) {
		assertThat(ResourceIds.parse(text)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "1", "7", "10", "100", "9223372036854775807", "1000000000000000000" })
	void canonicalFormsNameTheirNumber(String text) {
		assertThat(ResourceIds.parse(text)).hasValue(Long.parseLong(text));
	}

	@Test
	void nullNamesNothing() {
		assertThat(ResourceIds.parse(null)).isEmpty();
	}

	@Test
	void aReadOfANonCanonicalIdIsNotFound() {
		assertThat(ResourceIds.of(new IdType("Patient", "7"))).isEqualTo(7);
		assertThatThrownBy(() -> ResourceIds.of(new IdType("Patient", "007")))
			.isInstanceOf(ResourceNotFoundException.class)
			.hasMessageContaining("Patient/007 is not known here");
	}

	@Test
	void aVersionReadNamesACanonicalVersionNumber() {
		assertThat(ResourceIds.version(new IdType("Encounter", "7"))).isNull();
		assertThat(ResourceIds.version(new IdType("Encounter", "7", "3"))).isEqualTo(3);
		assertThat(ResourceIds.version(new IdType("Encounter", "7", "2147483647"))).isEqualTo(Integer.MAX_VALUE);
		for (String version : new String[] { "03", "0", "-1", "+3", "x", "2147483648" }) {
			assertThatThrownBy(() -> ResourceIds.version(new IdType("Encounter", "7", version))).as(version)
				.isInstanceOf(ResourceNotFoundException.class);
		}
	}

	@Test
	void aReferenceNamesAnIdOnlyAsARelativeReferenceOfItsType() {
		assertThat(ResourceIds.reference(new Reference("Patient/7"), "Patient")).hasValue(7);
		assertThat(ResourceIds.reference(new Reference("Patient/7/_history/2"), "Patient")).hasValue(7);
		assertThat(ResourceIds.reference(new Reference("Patient/007"), "Patient")).isEmpty();
		assertThat(ResourceIds.reference(new Reference("Patient/+7"), "Patient")).isEmpty();
		assertThat(ResourceIds.reference(new Reference("Group/7"), "Patient")).isEmpty();
		assertThat(ResourceIds.reference(new Reference("7"), "Patient")).isEmpty();
		assertThat(ResourceIds.reference(new Reference("http://elsewhere.test/fhir/Patient/7"), "Patient")).isEmpty();
		assertThat(ResourceIds.reference(new Reference(), "Patient")).isEmpty();
		assertThat(ResourceIds.reference(null, "Patient")).isEmpty();
		assertThatThrownBy(() -> ResourceIds.required(new Reference("Patient/007"), "Patient", "Condition.subject"))
			.isInstanceOf(UnprocessableEntityException.class)
			.hasMessageContaining("Condition.subject must reference a Patient");
	}

	@Test
	void aSearchedReferenceNamesAnIdOfItsTypeOrOfNoStatedType() {
		assertThat(ResourceIds.searched(new ReferenceParam("7"), "Patient")).hasValue(7);
		assertThat(ResourceIds.searched(new ReferenceParam("Patient/7"), "Patient")).hasValue(7);
		assertThat(ResourceIds.searched(new ReferenceParam("Patient/007"), "Patient")).isEmpty();
		assertThat(ResourceIds.searched(new ReferenceParam("007"), "Patient")).isEmpty();
		assertThat(ResourceIds.searched(new ReferenceParam("Encounter/7"), "Patient")).isEmpty();
	}

	@Provide
	Arbitrary<String> idLikeText() {
		Arbitrary<String> digits = Arbitraries.strings().withChars("0123456789").ofMinLength(0).ofMaxLength(21);
		Arbitrary<String> mixed = Arbitraries.strings()
			.withChars("0123456789+- \t.eEx_\u0660\u0667\uff10")
			.ofMinLength(0)
			.ofMaxLength(21);
		return Arbitraries.oneOf(digits, mixed, Arbitraries.strings().ofMaxLength(8));
	}

	@Provide
	Arbitrary<String> decorations() {
		return Arbitraries.of("0#", "00#", "+#", "-#", " #", "# ", "#\n", "#.0", "#e0", "#0000000000000000000", "#a",
				"\u0000#", "#/");
	}

	/** The rule, stated the slow way: as {@code Long} would print it. */
	private static boolean canonicalPositive(String text) {
		try {
			long value = Long.parseLong(text);
			return value > 0 && Long.toString(value).equals(text);
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

}
