package continuum.patients;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import continuum.ContinuumIntegrationTest;
import continuum.web.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Registering a patient whose family name and birth date are already registered shows the
 * patients it may be, registers nothing, and registers only when the clerk confirms a
 * different person; other registrations go through at once.
 */
@ContinuumIntegrationTest
class RegistrationDuplicateWebIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	PatientService patients;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aPossibleDuplicateIsShownAndRegisteredOnlyWhenConfirmed() throws Exception {
		String family = "Dewulf" + TestPatients.uniqueWord();
		LocalDate born = LocalDate.of(1961, 4, 12);
		Patient existing = patients.register(new PatientData(java.util.List.of(), family, java.util.List.of("Johannes"),
				null, born, Gender.MALE, Address.NONE, null, null, "nl", false));
		WebSession clerk = WebSession.signIn(port, "scheduler");
		clerk.get("/patients/new");
		int before = count(family);

		HttpResponse<String> warned = clerk.post("/patients/new", form(family, "Jan", born));
		assertThat(warned.statusCode()).isEqualTo(409);
		assertThat(warned.body()).contains("Nothing was registered yet", "href=\"/patients/" + existing.id() + "\"",
				existing.mrn(), "This is a different person", "value=\"Jan\"");
		assertThat(count(family)).isEqualTo(before);

		Map<String, String> confirmed = form(family, "Jan", born);
		confirmed.put("confirmedNew", "true");
		HttpResponse<String> registered = clerk.post("/patients/new", confirmed);
		assertThat(registered.statusCode()).isEqualTo(302);
		assertThat(WebSession.location(registered)).matches(".*/patients/\\d+");
		assertThat(count(family)).isEqualTo(before + 1);

		clerk.get("/patients/new");
		HttpResponse<String> otherDay = clerk.post("/patients/new", form(family, "Jan", born.plusDays(1)));
		assertThat(otherDay.statusCode()).as("another birth date: no warning").isEqualTo(302);
		assertThat(count(family)).isEqualTo(before + 2);
	}

	private int count(String family) {
		return jdbc.sql("select count(*) from patient where family_name = :family")
			.param("family", family)
			.query(Integer.class)
			.single();
	}

	private static Map<String, String> form(String family, String given, LocalDate born) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("family", family);
		form.put("given", given);
		form.put("prefix", "");
		form.put("birthDate", born.toString());
		form.put("gender", "male");
		form.put("nationalNumber", "");
		form.put("addressLine", "");
		form.put("postalCode", "");
		form.put("city", "");
		form.put("phone", "");
		form.put("email", "");
		form.put("language", "nl");
		return form;
	}

}
