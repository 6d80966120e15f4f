package continuum.patients.fhir;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import ca.uhn.fhir.context.FhirContext;
import continuum.ContinuumIntegrationTest;
import continuum.patients.Address;
import continuum.patients.Gender;
import continuum.patients.Identifier;
import continuum.patients.Mrn;
import continuum.patients.Patient;
import continuum.patients.PatientData;
import continuum.patients.PatientId;
import continuum.patients.PatientMergeService;
import continuum.patients.PatientService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PatientJson} writes what HAPI's encoder writes for {@link PatientMapper#toFhir},
 * byte for byte: over every patient of the demo hospital (merged ones and survivors
 * included), and over patients whose strings need escaping.
 */
@ContinuumIntegrationTest
class PatientJsonIntegrationTests {

	@Autowired
	PatientService patients;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	FhirContext fhir;

	@Autowired
	PatientMergeService merges;

	private static final String MRN = Mrn.fromSequence(4_242_424).value();

	@Test
	void everyDemoPatientIsWrittenAsHapiWritesIt() {
		Patient duplicate = patients.register(sample("Merged-away"));
		Patient survivor = patients.register(sample("Survivor"));
		merges.merge(duplicate.id(), survivor.id());
		List<Long> ids = jdbc.sql("select id from patient order by id").query(Long.class).list();
		assertThat(ids).hasSizeGreaterThan(100);
		assertThat(jdbc.sql("select count(*) from patient where merged_into is not null").query(Long.class).single())
			.isPositive();
		for (long id : ids) {
			assertSameAsHapi(patients.read(new PatientId(id)));
		}
	}

	@Test
	void stringsAreEscapedAsHapiEscapesThem() {
		List<String> awkward = List.of("O'Brien \"Bobby\"", "back\\slash", "tab\there", "new\nline", "carriage\rreturn",
				"bell\u0007and\u001funit", "form\ffeed\bback", "</script><b>", "Lefèvre Ærø Ğü 李 😀", "a/b",
				"\u2028line separator\u2029", "\u007fdelete");
		for (String text : awkward) {
			PatientData data = new PatientData(
					List.of(Identifier.mrn(MRN), new Identifier("urn:test:" + text.length(), text)), text,
					List.of(text, "Jean"), text, LocalDate.of(1901, 1, 1), Gender.OTHER,
					new Address(text, "1000", text, "BE"), text, "a@b.be", "nl-BE", true);
			assertSameAsHapi(new Patient(new PatientId(42), 3, MRN, data, new PatientId(7),
					Instant.parse("2026-03-29T01:30:00.123456Z"), List.of(new PatientId(8), new PatientId(9))));
		}
	}

	@Test
	void sparsePatientsLeaveOutWhatTheyLack() {
		PatientData data = new PatientData(List.of(Identifier.mrn(MRN)), "Peeters", List.of(), null, null,
				Gender.UNKNOWN, Address.NONE, null, null, null, false);
		assertSameAsHapi(new Patient(new PatientId(1), 1, MRN, data, null, Instant.EPOCH, List.of()));
		PatientData emailOnly = new PatientData(List.of(), "Peeters", List.of("An"), null, null, Gender.FEMALE,
				new Address(null, null, "Gent", null), null, "an@example.be", null, false);
		assertSameAsHapi(new Patient(new PatientId(2), 1, MRN, emailOnly, null, Instant.parse("2026-11-25T10:00:00Z"),
				List.of()));
	}

	private static PatientData sample(String family) {
		return new PatientData(List.of(), family, List.of("Els", "Marie"), "Dr.", LocalDate.of(1970, 5, 17),
				Gender.FEMALE, new Address("Kerkstraat 1", "9000", "Gent", "BE"), "+32 9 123 45 67", null, "nl", false);
	}

	private void assertSameAsHapi(Patient patient) {
		String hapi = fhir.newJsonParser().setPrettyPrint(false).encodeResourceToString(PatientMapper.toFhir(patient));
		assertThat(new String(PatientJson.write(patient), StandardCharsets.UTF_8)).as("patient %s", patient.id())
			.isEqualTo(hapi);
	}

}
