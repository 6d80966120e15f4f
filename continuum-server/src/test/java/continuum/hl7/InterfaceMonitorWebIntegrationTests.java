package continuum.hl7;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import continuum.web.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static continuum.hl7.Hl7Messages.ackCode;
import static continuum.hl7.Hl7Messages.zztFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The interface monitor page: the lab and IT roles see the links, search messages and
 * open one with its raw content (audited with its patient), and process a quarantined
 * message again once its cause is fixed (audited); other roles get a 403 (audited).
 */
@Hl7IntegrationTest
class InterfaceMonitorWebIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	MllpListener listener;

	@Autowired
	JdbcClient jdbc;

	long messageId(String controlId) {
		return jdbc.sql("select id from hl7_message where control_id = ?").param(controlId).query(Long.class).single();
	}

	long audits(String action, String resourceId, String username) {
		return jdbc.sql("""
				select count(*) from audit_log where resource_type = 'Hl7Message' and action = ? and resource_id = ?
				and username = ?""").params(action, resourceId, username).query(Long.class).single();
	}

	String send(String er7) throws Exception {
		try (MllpClient client = MllpClient.connect("127.0.0.1", listener.port(), Duration.ofSeconds(5),
				Duration.ofSeconds(10))) {
			return client.send(er7);
		}
	}

	@Test
	void theLabSeesTheLinksAndARawMessageAndEachViewIsAudited() throws Exception {
		String id = "W" + UUID.randomUUID().toString().substring(0, 12);
		assertThat(ackCode(send(zztFor(id, "OK", "patient-77")))).isEqualTo("AA");
		WebSession labtech = WebSession.signIn(port, "labtech");

		HttpResponse<String> page = labtech.get("/interfaces");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("id=\"link-mllp\"", "127.0.0.1:" + listener.port(), "listening",
				"id=\"link-mllp-tls\"", "id=\"link-testpeer\"");

		HttpResponse<String> found = labtech.get("/interfaces?patient=patient-77");
		assertThat(found.body()).contains(id);
		assertThat(labtech.get("/interfaces?patient=MRN" + id).body()).contains(id);
		assertThat(labtech.get("/interfaces?controlId=" + id + "&state=processed").body()).contains(id);
		assertThat(labtech.get("/interfaces?controlId=" + id + "&state=quarantined").body())
			.contains("No message matches");

		long messageId = messageId(id);
		HttpResponse<String> message = labtech.get("/interfaces/messages/" + messageId);
		assertThat(message.statusCode()).isEqualTo(200);
		// One segment per line.
		assertThat(message.body()).contains("|ZZT^Z01|" + id + "|P|2.5.1\nPID|1||MRN" + id);
		assertThat(audits("READ", Long.toString(messageId), "labtech")).isOne();
		assertThat(jdbc
			.sql("select patient_id from audit_log where resource_type = 'Hl7Message' and action = 'READ' "
					+ "and resource_id = ?")
			.param(Long.toString(messageId))
			.query(String.class)
			.single()).isEqualTo("patient-77");

		WebSession itops = WebSession.signIn(port, "itops");
		assertThat(itops.get("/interfaces/messages/" + messageId).statusCode()).isEqualTo(200);
		assertThat(itops.get("/").body()).contains("href=\"/interfaces\"");
	}

	@Test
	void otherRolesAreRefusedAndTheRefusalIsAudited() throws Exception {
		String id = "D" + UUID.randomUUID().toString().substring(0, 12);
		send(zztFor(id, "OK", ""));
		WebSession physician = WebSession.signIn(port, "physician");
		assertThat(physician.get("/").body()).doesNotContain("href=\"/interfaces\"");
		assertThat(physician.get("/interfaces").statusCode()).isEqualTo(403);
		long messageId = messageId(id);
		HttpResponse<String> refused = physician.get("/interfaces/messages/" + messageId);
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.body()).doesNotContain("ZZT");
		assertThat(jdbc.sql("""
				select count(*) from audit_log where resource_type = 'Hl7Message' and action = 'READ'
				and resource_id = ? and username = 'physician' and outcome = 'DENIED'""")
			.param(Long.toString(messageId))
			.query(Long.class)
			.single()).isOne();
	}

	@Test
	void aQuarantinedMessageIsProcessedAgainFromThePageOnceItsCauseIsFixed() throws Exception {
		String id = "Q" + UUID.randomUUID().toString().substring(0, 12);
		TestHandler.refused.add(id);
		assertThat(ackCode(send(zztFor(id, "OK", "patient-78")))).isEqualTo("AE");
		long messageId = messageId(id);
		WebSession labtech = WebSession.signIn(port, "labtech");
		HttpResponse<String> page = labtech.get("/interfaces/messages/" + messageId);
		assertThat(page.body()).contains("quarantined", "204 Specimen 42 is not known at ZZT^1^1", "reprocess-form");

		// Still broken: processed again, quarantined again.
		HttpResponse<String> again = labtech.post("/interfaces/messages/" + messageId + "/reprocess", Map.of());
		assertThat(again.statusCode()).isEqualTo(302);
		assertThat(labtech.get("/interfaces/messages/" + messageId).body()).contains("processed again: quarantined");

		TestHandler.refused.remove(id);
		labtech.post("/interfaces/messages/" + messageId + "/reprocess", Map.of());
		HttpResponse<String> fixed = labtech.get("/interfaces/messages/" + messageId);
		assertThat(fixed.body()).contains("processed again: processed").doesNotContain("reprocess-form");
		assertThat(
				jdbc.sql("select state, attempts from hl7_message where id = ?").param(messageId).query().singleRow())
			.containsEntry("state", "processed")
			.containsEntry("attempts", 3);
		assertThat(jdbc.sql("select count(*) from audit_log where resource_type = 'Hl7Test' and resource_id = ?")
			.param(id)
			.query(Long.class)
			.single()).isOne();
		assertThat(audits("UPDATE", Long.toString(messageId), "labtech")).isEqualTo(2);

		// A processed message is not processed again.
		assertThat(labtech.post("/interfaces/messages/" + messageId + "/reprocess", Map.of()).statusCode())
			.isEqualTo(409);
		WebSession physician = WebSession.signIn(port, "physician");
		physician.get("/");
		assertThat(physician.post("/interfaces/messages/" + messageId + "/reprocess", Map.of()).statusCode())
			.isEqualTo(403);
	}

	@Test
	void theJsonDoorAnswersTheSame() throws Exception {
		String token = continuum.fhir.FhirTestSupport.token(port, "labtech");
		java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
		HttpResponse<String> links = http.send(java.net.http.HttpRequest
			.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/api/interfaces"))
			.header("Authorization", "Bearer " + token)
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(links.statusCode()).isEqualTo(200);
		assertThat(links.body()).contains("\"name\":\"mllp\"", "\"direction\":\"INBOUND\"");
	}

}
