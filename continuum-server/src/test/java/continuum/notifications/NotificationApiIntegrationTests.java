package continuum.notifications;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;

import continuum.fhir.FhirTestSupport;
import continuum.patients.PatientId;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/notifications?patient=}: the delivery status for schedulers, audited,
 * without recipient or text; bad input answered as ProblemDetail, refusals as 403.
 */
class NotificationApiIntegrationTests extends NotificationPeers {

	@LocalServerPort
	int port;

	private HttpResponse<String> get(String query, String username) throws Exception {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/notifications" + query))
			.header("Authorization", "Bearer " + FhirTestSupport.token(port, username))
			.header("Accept", "application/json")
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void showsTheStatusOfEachMessageWithoutRecipientOrTextAndAuditsTheSearch() throws Exception {
		PatientId unreachable = patient(null, null, "fr");
		NotificationMessage queued = notifyCommitted(
				booked(unreachable, Instant.parse("2027-02-01T09:00:00Z"), "Qzapidepartment"))
			.get(0);
		HttpResponse<String> response = get("?patient=" + unreachable, "scheduler");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"id\":" + queued.id())
			.contains("\"idempotencyKey\":\"" + queued.idempotencyKey() + "\"")
			.contains("\"status\":\"UNDELIVERABLE\"")
			.contains("\"lastError\":\"no-contact\"")
			.contains("\"kind\":\"APPOINTMENT_BOOKED\"")
			.doesNotContain("Qzapidepartment");
		long audited = jdbc
			.sql("select count(*) from audit_log where username = 'scheduler' and action = 'SEARCH' "
					+ "and resource_type = 'Communication' and patient_id = ?")
			.param(unreachable.asString())
			.query(Long.class)
			.single();
		assertThat(audited).isEqualTo(1);
	}

	@Test
	void answersBadInputAsProblemDetailAndRefusesRolesThatMayNotReadPatients() throws Exception {
		HttpResponse<String> malformed = get("?patient=abc", "scheduler");
		assertThat(malformed.statusCode()).isEqualTo(422);
		assertThat(malformed.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(malformed.body()).contains("A patient id is a positive number");
		HttpResponse<String> missing = get("", "scheduler");
		assertThat(missing.statusCode()).isEqualTo(422);
		assertThat(missing.body()).contains("The patient parameter is required");
		assertThat(get("?patient=999999999", "scheduler").statusCode()).isEqualTo(404);
		PatientId patient = patient(null, null, "nl");
		assertThat(get("?patient=" + patient, "admin").statusCode()).isEqualTo(403);
	}

}
