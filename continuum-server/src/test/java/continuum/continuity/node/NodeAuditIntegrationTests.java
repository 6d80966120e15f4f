package continuum.continuity.node;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import continuum.ContinuumIntegrationTest;
import continuum.EmbeddedDatabaseRoles;
import continuum.audit.AuditService;
import continuum.audit.AuditVerification;
import continuum.fhir.FhirTestSupport;
import continuum.patients.Address;
import continuum.patients.Gender;
import continuum.patients.Patient;
import continuum.patients.PatientData;
import continuum.patients.PatientService;
import continuum.platform.PlatformSettings;
import continuum.privacy.RestrictionKind;
import continuum.privacy.RestrictionService;
import continuum.security.NewStaffMember;
import continuum.security.Role;
import continuum.security.StaffService;
import continuum.web.WebSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A downtime node ships its hash-chained audit log over real HTTP: each entry lands in
 * the central log exactly once however often it is sent, with its time and user; a
 * shipment that breaks the chain is a 422 and stores nothing of it; {@code audit verify}
 * covers the shipped entries and finds one changed after it was received. The node's hash
 * is computed here from the protocol's definition, independently of the server's code.
 */
@ContinuumIntegrationTest
class NodeAuditIntegrationTests {

	private static final String ZEROS = "0".repeat(64);

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AuditService audit;

	@Autowired
	PlatformSettings settings;

	@Autowired
	java.time.Clock clock;

	@Autowired
	PatientService patients;

	@Autowired
	RestrictionService restrictions;

	@Autowired
	StaffService staff;

	DowntimeApi api;

	String system;

	String node;

	@BeforeEach
	void signIn() {
		api = new DowntimeApi(port);
		system = FhirTestSupport.token(port, "interface");
		node = "ward-node-" + System.nanoTime() % 1_000_000;
	}

	@Test
	void eachEntryLandsOnceHoweverOftenItIsSent() throws Exception {
		List<Map<String, Object>> chain = chain(1, 5, ZEROS);
		assertShipped(chain.subList(0, 3), 3, 0, 3);
		assertShipped(chain, 2, 3, 5);
		assertShipped(chain, 0, 5, 5);
		assertShipped(chain.subList(3, 5), 0, 2, 5);
		assertShipped(List.of(), 0, 0, 5);

		assertThat(jdbc.sql("select count(*) from audit_log where address = :node")
			.param("node", node)
			.query(Long.class)
			.single()).isEqualTo(5);
		assertThat(jdbc.sql("select seq from audit_node_entry where node_id = :node order by seq")
			.param("node", node)
			.query(Long.class)
			.list()).containsExactly(1L, 2L, 3L, 4L, 5L);
		Map<String, Object> second = chain.get(1);
		Map<String, Object> stored = jdbc.sql("""
				select a.username, a.action, a.resource_type, a.resource_id, a.patient_id, a.outcome, a.detail,
				       a.recorded_at
				from audit_node_entry n join audit_log a on a.id = n.audit_id where n.node_id = :node and n.seq = 2""")
			.param("node", node)
			.query()
			.singleRow();
		assertThat(stored.get("username")).isEqualTo(second.get("username"));
		assertThat(stored.get("action")).isEqualTo("READ");
		assertThat(stored.get("patient_id")).isEqualTo(second.get("patientId"));
		assertThat(((java.sql.Timestamp) stored.get("recorded_at")).toInstant())
			.isEqualTo(Instant.parse((String) second.get("at")));
		AuditVerification verification = audit.verify();
		assertThat(verification.problems()).isEmpty();
		assertThat(verification.intact()).isTrue();
	}

	@Test
	void aBrokenChainIsA422AndNothingOfItIsStored() throws Exception {
		List<Map<String, Object>> chain = chain(1, 4, ZEROS);
		assertShipped(chain.subList(0, 2), 2, 0, 2);
		String lastHash = (String) chain.get(1).get("hash");

		List<List<Map<String, Object>>> broken = new ArrayList<>();
		// A wrong link: entry 3 names another previous hash.
		broken.add(chain(3, 1, "ab".repeat(32)));
		// A hash that does not match the content.
		Map<String, Object> forged = new LinkedHashMap<>(chain.get(2));
		forged.put("detail", "changed after hashing");
		broken.add(List.of(forged));
		// A gap: entry 4 without entry 3.
		broken.add(List.of(chain.get(3)));
		// A good entry followed by a bad one: neither is stored.
		Map<String, Object> badFourth = new LinkedHashMap<>(chain.get(3));
		badFourth.put("hash", "0f".repeat(32));
		broken.add(List.of(chain.get(2), badFourth));
		// An entry received before, sent again with other content.
		Map<String, Object> rewritten = new LinkedHashMap<>(chain.get(0));
		rewritten.put("hash", "1e".repeat(32));
		broken.add(List.of(rewritten));
		for (List<Map<String, Object>> shipment : broken) {
			DowntimeApi.Answer answer = api.post("/api/downtime/audit", system, body(node, shipment));
			assertThat(answer.status()).as(answer.body().toString()).isEqualTo(422);
			assertThat(answer.contentType()).startsWith("application/problem+json");
			assertThat(answer.body().get("detail").asString()).contains(node).doesNotContain("Exception");
		}
		// A new node's first entry must link to zeros.
		DowntimeApi.Answer stranger = api.post("/api/downtime/audit", system,
				body(node + "-other", chain(1, 1, "cd".repeat(32))));
		assertThat(stranger.status()).isEqualTo(422);

		assertThat(jdbc.sql("select count(*) from audit_log where address in (:node, :other)")
			.param("node", node)
			.param("other", node + "-other")
			.query(Long.class)
			.single()).isEqualTo(2);
		// The chain goes on from where it was.
		assertThat(chain.get(2).get("previousHash")).isEqualTo(lastHash);
		assertShipped(chain, 2, 2, 4);
	}

	@Test
	void malformedOrOversizedShipmentsAreRefused() throws Exception {
		assertThat(api.post("/api/downtime/audit", system, "{not json").status()).isEqualTo(400);
		assertThat(api.post("/api/downtime/audit", system, "{\"nodeId\":\"" + node + "\"}").status()).isEqualTo(400);
		assertThat(api.post("/api/downtime/audit", system, body("bad node id!", chain(1, 1, ZEROS))).status())
			.isEqualTo(422);
		DowntimeApi.Answer tooMany = api.post("/api/downtime/audit", system, body(node, chain(1, 1001, ZEROS)));
		assertThat(tooMany.status()).isEqualTo(413);
		assertThat(tooMany.contentType()).startsWith("application/problem+json");
		Map<String, Object> unknownAction = new LinkedHashMap<>(chain(1, 1, ZEROS).get(0));
		unknownAction.put("action", "DANCE");
		unknownAction.put("hash", hash(unknownAction));
		assertThat(api.post("/api/downtime/audit", system, body(node, List.of(unknownAction))).status()).isEqualTo(422);
		assertThat(jdbc.sql("select count(*) from audit_node_entry where node_id = :node")
			.param("node", node)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void auditVerifyFindsAShippedEntryChangedAfterItWasReceived() throws Exception {
		assertShipped(chain(1, 3, ZEROS), 3, 0, 3);
		assertThat(audit.verify().intact()).isTrue();
		JdbcClient owner = JdbcClient.create(EmbeddedDatabaseRoles.owner(settings));
		String original = owner.sql("select at_text from audit_node_entry where node_id = :node and seq = 2")
			.param("node", node)
			.query(String.class)
			.single();
		owner.sql("alter table audit_node_entry disable trigger user").update();
		try {
			owner.sql("update audit_node_entry set at_text = :at where node_id = :node and seq = 2")
				.param("at", "2026-01-01T00:00:00Z")
				.param("node", node)
				.update();
			AuditVerification tampered = audit.verify();
			assertThat(tampered.intact()).isFalse();
			assertThat(tampered.problems())
				.anyMatch(p -> p.contains("entry 2 shipped by downtime node " + node) && p.contains("changed"));
		}
		finally {
			owner.sql("update audit_node_entry set at_text = :at where node_id = :node and seq = 2")
				.param("at", original)
				.param("node", node)
				.update();
			owner.sql("alter table audit_node_entry enable trigger user").update();
		}
		assertThat(audit.verify().intact()).isTrue();
	}

	/**
	 * A break-the-glass made on a node becomes one entry of the privacy officer's queue
	 * when it arrives, with the node named and the reader's words sent beside the entry
	 * (never into the log), however often it is sent; it is reviewed once, and it opens
	 * nothing on the server.
	 */
	@Test
	void aBreakTheGlassOnANodeJoinsTheReviewQueueOnceAndOpensNothingOnTheServer() throws Exception {
		String word = Long.toString(System.nanoTime() % 1_000_000);
		Patient patient = patients.register(new PatientData(List.of(), "Nodeglas" + word, List.of("Ilse"), null,
				LocalDate.of(1966, 5, 4), Gender.FEMALE, Address.NONE, null, null, "nl", false));
		restrictions.restrict(patient.id(), RestrictionKind.VIP);
		String id = patient.id().asString();
		String nurse = "nodebtg" + word;
		staff.createInitial(new NewStaffMember(nurse, ContinuumIntegrationTest.DEMO_PASSWORD, Role.NURSE, "Test",
				"Nodeglas", null));
		Instant at = clock.instant().minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
		List<Map<String, Object>> shipment = new ArrayList<>();
		shipment.add(entry(1, at, nurse, "LOGIN", "Session", null, null, "downtime node sign-in", ZEROS));
		Map<String, Object> glass = entry(2, at.plusSeconds(30), nurse, "CREATE", "BreakTheGlass", null, id,
				"emergency access, break-the-glass on the downtime node: reason CONSULTATION, until "
						+ at.plusSeconds(30).plus(java.time.Duration.ofHours(8)),
				(String) shipment.get(0).get("hash"));
		glass.put("explanation", "Asked by the consultant on call");
		shipment.add(glass);
		shipment.add(entry(3, at.plusSeconds(40), nurse, "READ", "Patient", id, id,
				"emergency access, break-the-glass on the downtime node; summary", (String) glass.get("hash")));
		assertShipped(shipment, 3, 0, 3);
		assertShipped(shipment, 0, 3, 3);

		List<Map<String, Object>> queued = jdbc
			.sql("select id, role, reason, explanation, node_seq, started_at, expires_at from privacy_break_glass"
					+ " where node_id = :node")
			.param("node", node)
			.query()
			.listOfRows();
		assertThat(queued).hasSize(1);
		Map<String, Object> row = queued.get(0);
		assertThat(row.get("role")).isEqualTo("NURSE");
		assertThat(row.get("reason")).isEqualTo("CONSULTATION");
		assertThat(row.get("explanation")).isEqualTo("Asked by the consultant on call");
		assertThat(row.get("node_seq")).isEqualTo(2L);
		assertThat(((java.sql.Timestamp) row.get("expires_at")).toInstant())
			.isEqualTo(at.plusSeconds(30).plus(java.time.Duration.ofHours(8)));
		assertThat(
				jdbc.sql("select count(*) from audit_log where detail like '%consultant%'").query(Long.class).single())
			.as("the words stay out of the log")
			.isZero();

		long glassId = ((Number) row.get("id")).longValue();
		WebSession privacy = WebSession.signIn(port, Role.PRIVACY_OFFICER.demoUsername());
		String queue = privacy.get("/privacy/reviews").body();
		assertThat(queue).contains("/privacy/reviews/" + glassId + "\"", "downtime node " + node);
		assertThat(privacy.get("/privacy/reviews/" + glassId).body()).contains("on downtime node " + node,
				"Asked by the consultant on call");
		assertThat(privacy
			.post("/privacy/reviews/" + glassId, Map.of("finding", "not-justified", "comment", "No consultation asked"))
			.statusCode()).isEqualTo(302);
		privacy.get("/privacy/reviews/" + glassId);
		assertThat(privacy.post("/privacy/reviews/" + glassId, Map.of("finding", "justified", "comment", "Again"))
			.statusCode()).as("reviewed once").isEqualTo(409);
		assertThat(jdbc
			.sql("select count(*) from audit_log where username = 'privacy' and action = 'UPDATE'"
					+ " and resource_type = 'BreakTheGlass' and resource_id = :id")
			.param("id", Long.toString(glassId))
			.query(Long.class)
			.single()).isEqualTo(1);

		// The glass broken on the node a minute ago does not open the record on the
		// server.
		HttpResponse<String> chart = WebSession.signIn(port, nurse).get("/patients/" + id);
		assertThat(WebSession.location(chart)).endsWith("/patients/" + id + "/break-the-glass");
	}

	/**
	 * A node asks for a checkpoint of the link at the position of the one it keeps, to
	 * see that the chain still extends it: the same hash there; none beyond the head.
	 */
	@Test
	void aCheckpointAtAPositionGivesTheChainsHashThere() throws Exception {
		DowntimeApi.Answer head = api.get("/api/downtime/audit/checkpoint", system);
		assertThat(head.status()).isEqualTo(200);
		long position = head.body().get("position").asLong();
		DowntimeApi.Answer there = api.get("/api/downtime/audit/checkpoint?position=" + position, system);
		assertThat(there.status()).isEqualTo(200);
		assertThat(there.body().get("position").asLong()).isEqualTo(position);
		assertThat(there.body().get("hash").asString()).isEqualTo(head.body().get("hash").asString());
		assertThat(there.body().get("signature").asString()).matches("[0-9a-f]{64}");
		assertThat(api.get("/api/downtime/audit/checkpoint?position=" + (position + 1_000_000), system).status())
			.isEqualTo(404);
		assertThat(api.get("/api/downtime/audit/checkpoint?position=-1", system).status()).isEqualTo(400);
		assertThat(
				api.get("/api/downtime/audit/checkpoint?position=" + position, FhirTestSupport.token(port, "physician"))
					.status())
			.isEqualTo(403);
	}

	private void assertShipped(List<Map<String, Object>> entries, int accepted, int duplicates, long highest)
			throws Exception {
		DowntimeApi.Answer answer = api.post("/api/downtime/audit", system, body(node, entries));
		assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
		assertThat(answer.body().get("accepted").asInt()).isEqualTo(accepted);
		assertThat(answer.body().get("duplicates").asInt()).isEqualTo(duplicates);
		assertThat(answer.body().get("highestSeq").asLong()).isEqualTo(highest);
	}

	private static String body(String nodeId, List<Map<String, Object>> entries) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("nodeId", nodeId);
		body.put("entries", entries);
		return DowntimeApi.json(body);
	}

	/** One entry at {@code seq}, linked from {@code previous}. */
	private static Map<String, Object> entry(long seq, Instant at, String username, String action, String resourceType,
			String resourceId, String patientId, String detail, String previous) throws Exception {
		Map<String, Object> entry = new LinkedHashMap<>();
		entry.put("seq", seq);
		entry.put("at", at.toString());
		entry.put("username", username);
		entry.put("action", action);
		entry.put("resourceType", resourceType);
		entry.put("resourceId", resourceId);
		entry.put("patientId", patientId);
		entry.put("outcome", "SUCCESS");
		entry.put("detail", detail);
		entry.put("previousHash", previous);
		entry.put("hash", hash(entry));
		return entry;
	}

	/**
	 * {@code count} entries from position {@code first}, linked from {@code previous}.
	 */
	private static List<Map<String, Object>> chain(long first, int count, String previous) throws Exception {
		List<Map<String, Object>> entries = new ArrayList<>();
		String link = previous;
		for (long seq = first; seq < first + count; seq++) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("seq", seq);
			entry.put("at", Instant.parse("2026-03-29T01:30:00.123456Z").plusSeconds(seq * 61).toString());
			entry.put("username", "nurse");
			entry.put("action", seq == 1 ? "LOGIN" : "READ");
			entry.put("resourceType", seq == 1 ? "Session" : "Patient");
			entry.put("resourceId", seq == 1 ? null : Long.toString(seq));
			entry.put("patientId", seq == 1 ? null : Long.toString(seq));
			entry.put("outcome", "SUCCESS");
			entry.put("detail", seq == 1 ? "downtime sign-in" : null);
			entry.put("previousHash", link);
			entry.put("hash", hash(entry));
			link = (String) entry.get("hash");
			entries.add(entry);
		}
		return entries;
	}

	/**
	 * The protocol's link: SHA-256 over each field as
	 * {@code <UTF-8 length>:<UTF-8 bytes>}.
	 */
	private static String hash(Map<String, Object> entry) throws Exception {
		MessageDigest digest = MessageDigest.getInstance("SHA-256");
		for (String field : List.of("previousHash", "seq", "at", "username", "action", "resourceType", "resourceId",
				"patientId", "outcome", "detail")) {
			Object value = entry.get(field);
			byte[] bytes = value == null ? new byte[0] : value.toString().getBytes(StandardCharsets.UTF_8);
			digest.update((bytes.length + ":").getBytes(StandardCharsets.UTF_8));
			digest.update(bytes);
		}
		return HexFormat.of().formatHex(digest.digest());
	}

}
