package continuum.web;

import java.util.List;
import java.util.Map;

import continuum.ContinuumIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A page's numeric path ids follow FHIR's rule: the canonical form opens the record's
 * page, any other spelling of the same number ({@code 07}, {@code +7}, {@code 0007}) is a
 * 404 and changes nothing.
 */
@ContinuumIntegrationTest
class CanonicalPathIdsIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void onlyTheCanonicalIdOpensAPage() throws Exception {
		long patient = first("select min(patient_id) from allergy_intolerance where deleted_at is null");
		long allergy = first("select min(id) from allergy_intolerance where patient_id = " + patient);
		long staff = first("select min(id) from app_user");
		WebSession physician = WebSession.signIn(port, "physician");
		WebSession admin = WebSession.signIn(port, "admin");
		Map<WebSession, List<String>> pages = Map.of(physician,
				List.of("/patients/%s/edit", "/patients/" + patient + "/allergies/%s"), admin,
				List.of("/admin/staff/%s"));
		Map<String, Long> ids = Map.of("/patients/%s/edit", patient, "/patients/" + patient + "/allergies/%s", allergy,
				"/admin/staff/%s", staff);
		for (Map.Entry<WebSession, List<String>> entry : pages.entrySet()) {
			for (String page : entry.getValue()) {
				long id = ids.get(page);
				assertThat(entry.getKey().get(page.formatted(id)).statusCode()).as(page).isEqualTo(200);
				for (String alias : List.of("0" + id, "000" + id, "%2B" + id)) {
					assertThat(entry.getKey().get(page.formatted(alias)).statusCode()).as(page + " " + alias)
						.isEqualTo(404);
				}
			}
		}
		assertThat(physician.get("/patients/0" + patient + "/allergies/" + allergy).statusCode()).isEqualTo(404);
	}

	@Test
	void aFormPostedToANonCanonicalIdChangesNothing() throws Exception {
		long patient = first("select min(id) from patient where merged_into is null");
		int version = (int) first("select version from patient where id = " + patient);
		WebSession physician = WebSession.signIn(port, "physician");
		assertThat(physician.get("/patients/" + patient + "/edit").statusCode()).isEqualTo(200);
		int status = physician
			.post("/patients/0" + patient + "/edit", Map.of("family", "Changed", "version", Integer.toString(version)))
			.statusCode();
		assertThat(status).isEqualTo(404);
		assertThat(first("select version from patient where id = " + patient)).isEqualTo(version);
	}

	private long first(String sql) {
		return jdbc.sql(sql).query(Long.class).single();
	}

}
