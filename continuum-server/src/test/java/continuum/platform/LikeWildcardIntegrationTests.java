package continuum.platform;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import continuum.ContinuumIntegrationTest;
import continuum.fhir.FhirTestSupport;
import continuum.web.WebSession;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code %}, {@code _}, {@code \} and {@code *} typed in a name search are characters to
 * find, never wildcards: over FHIR (Patient, Practitioner, Location) and in the web's
 * patient and staff searches they match only the names that contain them.
 */
@ContinuumIntegrationTest
class LikeWildcardIntegrationTests {

	private static final List<String> WILDCARDS = List.of("%", "_", "\\", "*");

	private static final Pattern PATIENT_LINK = Pattern.compile("href=\"/patients/\\d+\"");

	@LocalServerPort
	int port;

	@Test
	void patientNameSearchesFindOnlyNamesThatContainTheCharacter() {
		IGenericClient fhir = FhirTestSupport.client(port, "physician");
		String percent = create(fhir, "Cent%Pour", "Marie");
		String underscore = create(fhir, "Van_Acker", "Jan");
		for (String parameter : List.of("name", "family")) {
			assertThat(patients(fhir, parameter, "%")).contains(percent).doesNotContain(underscore);
			assertThat(patients(fhir, parameter, "_")).contains(underscore).doesNotContain(percent);
			assertThat(patients(fhir, parameter, "\\")).doesNotContain(percent, underscore);
			assertThat(patients(fhir, parameter, "*")).doesNotContain(percent, underscore);
		}
		assertThat(patients(fhir, "given", "%")).doesNotContain(percent);
	}

	@Test
	void practitionerAndLocationNameSearchesFindOnlyNamesThatContainTheCharacter() {
		IGenericClient fhir = FhirTestSupport.client(port, "nurse");
		for (String wildcard : WILDCARDS) {
			Bundle staff = fhir.search()
				.byUrl("Practitioner?name=" + enc(wildcard) + "&_count=500")
				.returnBundle(Bundle.class)
				.execute();
			assertThat(staff.getEntry()).extracting(e -> ((Practitioner) e.getResource()).getNameFirstRep())
				.allSatisfy(
						name -> assertThat(name.getFamily() + " " + name.getGivenAsSingleString()).contains(wildcard));
			Bundle places = fhir.search()
				.byUrl("Location?name=" + enc(wildcard) + "&_count=500")
				.returnBundle(Bundle.class)
				.execute();
			assertThat(places.getTotal()).isZero();
		}
		Bundle all = fhir.search().byUrl("Location?_count=1").returnBundle(Bundle.class).execute();
		assertThat(all.getTotal()).as("the demo hospital's places").isGreaterThan(100);
		Bundle wards = fhir.search().byUrl("Location?name=cardio&_count=500").returnBundle(Bundle.class).execute();
		assertThat(wards.getEntry()).extracting(e -> ((Location) e.getResource()).getName())
			.isNotEmpty()
			.allMatch(name -> name.toLowerCase().contains("cardio"));
	}

	@Test
	void webPatientSearchFindsOnlyNamesThatContainTheCharacter() throws Exception {
		String percent = create(FhirTestSupport.client(port, "physician"), "Honderd%Procent", "Els");
		WebSession nurse = WebSession.signIn(port, "nurse");
		String found = nurse.get("/patients?q=" + enc("%")).body();
		assertThat(found).contains("href=\"/patients/" + percent + "\"");
		assertThat(PATIENT_LINK.matcher(found).results().count()).isLessThan(10);
		for (String wildcard : List.of("_", "\\", "*")) {
			String page = nurse.get("/patients?q=" + enc(wildcard)).body();
			assertThat(page).doesNotContain("href=\"/patients/" + percent + "\"");
			assertThat(PATIENT_LINK.matcher(page).results().count()).isLessThan(10);
		}
	}

	@Test
	void webStaffSearchFindsOnlyNamesThatContainTheCharacter() throws Exception {
		WebSession admin = WebSession.signIn(port, "admin");
		admin.get("/admin/staff/new");
		String username = "pct" + Long.toString(System.nanoTime() % 1_000_000, 36);
		assertThat(admin
			.post("/admin/staff/new",
					Map.of("username", username, "prefix", "", "givenName", "Anne", "familyName", "Honderd%Procent",
							"role", "NURSE", "password", "lange-wachtwoord", "confirm", "lange-wachtwoord"))
			.statusCode()).isEqualTo(302);
		assertThat(admin.get("/admin/staff?name=" + enc("%")).body()).contains(username)
			.doesNotContain(">physician<")
			.doesNotContain(">nurse<");
		for (String wildcard : List.of("_", "\\", "*")) {
			assertThat(admin.get("/admin/staff?name=" + enc(wildcard)).body()).doesNotContain(username)
				.doesNotContain(">physician<");
		}
	}

	private static String create(IGenericClient fhir, String family, String given) {
		Patient patient = new Patient();
		patient.addName(new HumanName().setFamily(family).addGiven(given));
		patient.setGender(AdministrativeGender.FEMALE);
		patient.setBirthDateElement(new DateType("1980-02-03"));
		return fhir.create().resource(patient).execute().getId().getIdPart();
	}

	private static List<String> patients(IGenericClient fhir, String parameter, String value) {
		Bundle bundle = fhir.search()
			.byUrl("Patient?" + parameter + "=" + enc(value) + "&_count=500")
			.returnBundle(Bundle.class)
			.execute();
		assertThat(bundle.getTotal()).as("patients whose %s contains %s", parameter, value).isLessThan(50);
		assertThat(bundle.getEntry()).extracting(e -> (Patient) e.getResource())
			.allSatisfy(p -> assertThat(
					p.getNameFirstRep().getFamily() + " " + p.getNameFirstRep().getGivenAsSingleString())
				.contains(value));
		return bundle.getEntry().stream().map(e -> e.getResource().getIdElement().getIdPart()).toList();
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
