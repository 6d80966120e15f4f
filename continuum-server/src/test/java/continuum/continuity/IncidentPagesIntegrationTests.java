package continuum.continuity;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import continuum.continuity.probes.ProbeCode;
import continuum.continuity.probes.ProbeOutcome;
import continuum.web.WebSession;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The IT role's incident pages over real HTTP: declaring, correcting (a new version,
 * audited, the old one kept), updating and resolving; planned maintenance that keeps
 * failing probes from opening an outage; refusals and broken input.
 */
class IncidentPagesIntegrationTests extends ContinuityPeers {

	private static final ZoneId ZONE = ZoneId.of("Europe/Brussels");

	private static String local(Instant at) {
		return LocalDateTime.ofInstant(at, ZONE).truncatedTo(ChronoUnit.MINUTES).toString();
	}

	private long declared(WebSession itops, String code, String start) throws Exception {
		itops.get("/continuity/incidents");
		HttpResponse<String> declared = itops.post("/continuity/incidents", Map.of("title", "Lab printer queue stuck",
				"impact", "major", "components", code, "start", start, "reason", "phoned in by ward 3"));
		assertThat(declared.statusCode()).isEqualTo(302);
		return Long.parseLong(WebSession.location(declared).replaceAll(".*/", ""));
	}

	@Test
	void aCorrectionIsANewVersionAuditedAndTheFirstIsKept() throws Exception {
		String code = component("manual", "smtp", "127.0.0.1:" + closedPort());
		WebSession itops = WebSession.signIn(port, "itops");
		Instant now = Instant.now();
		long id = declared(itops, code, local(now.minusSeconds(3600)));
		Incident first = incidents.find(id).orElseThrow();
		assertThat(first.version()).isEqualTo(1);
		assertThat(first.origin()).isEqualTo(Incident.Origin.MANUAL);
		assertThat(first.changedBy()).isEqualTo("itops");
		assertThat(catalogue.get(code).state()).isEqualTo(ComponentState.PARTIAL_OUTAGE);

		itops.get("/continuity/incidents/" + id);
		String earlier = local(now.minusSeconds(7200));
		HttpResponse<String> corrected = itops.post("/continuity/incidents/" + id + "/correct",
				Map.of("version", "1", "title", "Lab printer queue stuck", "impact", "critical", "status", "identified",
						"components", code, "start", earlier, "end", "", "reason", "started an hour earlier"));
		assertThat(corrected.statusCode()).isEqualTo(302);
		Incident second = incidents.find(id).orElseThrow();
		assertThat(second.version()).isEqualTo(2);
		assertThat(second.impact()).isEqualTo(Impact.CRITICAL);
		assertThat(second.status()).isEqualTo(IncidentStatus.IDENTIFIED);
		assertThat(second.start()).isEqualTo(LocalDateTime.parse(earlier).atZone(ZONE).toInstant());
		assertThat(second.reason()).isEqualTo("started an hour earlier");
		assertThat(incidents.versions(id)).hasSize(2).first().isEqualTo(first);
		assertThat(catalogue.get(code).state()).isEqualTo(ComponentState.MAJOR_OUTAGE);
		assertThat(jdbc.sql("""
				select action || ' ' || username || ' ' || outcome from audit_log
				where resource_type = 'Incident' and resource_id = :id and detail like 'version %' order by id""")
			.param("id", Long.toString(id))
			.query(String.class)
			.list()).containsExactly("CREATE itops SUCCESS", "UPDATE itops SUCCESS");

		HttpResponse<String> stale = itops.post("/continuity/incidents/" + id + "/correct",
				Map.of("version", "1", "title", "Other", "impact", "minor", "status", "identified", "components", code,
						"start", earlier, "reason", "late"));
		assertThat(stale.statusCode()).isEqualTo(409);
		assertThat(stale.body()).contains("is at version 2, not 1");
		assertThat(incidents.find(id).orElseThrow().version()).isEqualTo(2);

		HttpResponse<String> page = itops.get("/continuity/incidents/" + id);
		assertThat(page.body()).contains("started an hour earlier", "phoned in by ward 3", "id=\"incident-versions\"");
		HttpResponse<String> resolved = itops.post("/continuity/incidents/" + id + "/resolve",
				Map.of("version", "2", "end", "", "reason", "queue cleared"));
		assertThat(resolved.statusCode()).isEqualTo(302);
		Incident third = incidents.find(id).orElseThrow();
		assertThat(third.status()).isEqualTo(IncidentStatus.RESOLVED);
		assertThat(third.end()).isNotNull();
		assertThat(catalogue.get(code).state()).isEqualTo(ComponentState.OPERATIONAL);
		assertThat(incidents.timeline(id)).extracting(IncidentUpdate::status)
			.containsExactly(IncidentStatus.INVESTIGATING, IncidentStatus.IDENTIFIED, IncidentStatus.RESOLVED);
		assertThatAppendOnly(id);
	}

	private void assertThatAppendOnly(long id) {
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> jdbc.sql("delete from continuity_incident_version where incident_id = :id")
				.param("id", id)
				.update())
			.hasMessageContaining("append-only");
		assertThat(incidents.versions(id)).hasSize(3);
	}

	@Test
	void anUpdateAddsToTheTimelineAndMovesTheStatus() throws Exception {
		String code = component("update", "smtp", "127.0.0.1:" + closedPort());
		WebSession itops = WebSession.signIn(port, "itops");
		long id = declared(itops, code, "");
		itops.get("/continuity/incidents/" + id);
		assertThat(itops
			.post("/continuity/incidents/" + id + "/updates",
					Map.of("version", "1", "status", "monitoring", "body", "Queue restarted, watching it"))
			.statusCode()).isEqualTo(302);
		assertThat(itops
			.post("/continuity/incidents/" + id + "/updates",
					Map.of("version", "2", "status", "monitoring", "body", "Still fine after 10 minutes"))
			.statusCode()).isEqualTo(302);
		assertThat(incidents.find(id).orElseThrow().version()).isEqualTo(2);
		assertThat(incidents.timeline(id)).extracting(IncidentUpdate::body)
			.containsExactly("Declared: phoned in by ward 3", "Queue restarted, watching it",
					"Still fine after 10 minutes");
		resolveByHand(id);
	}

	@Test
	void duringMaintenanceFailingProbesOpenNoOutage() throws Exception {
		String code = component("maint", "smtp", "127.0.0.1:" + closedPort());
		WebSession itops = WebSession.signIn(port, "itops");
		itops.get("/continuity/incidents");
		Instant now = Instant.now();
		HttpResponse<String> planned = itops.post("/continuity/maintenance",
				Map.of("title", "Mail relay upgrade", "components", code, "start", local(now.minusSeconds(120)), "end",
						local(now.plusSeconds(3600)), "reason", "new relay version"));
		assertThat(planned.statusCode()).isEqualTo(302);
		assertThat(catalogue.get(code).state()).isEqualTo(ComponentState.UNDER_MAINTENANCE);
		for (int probe = 0; probe < 3; probe++) {
			assertThat(prober.probeNow(List.of(code)).get(code).outcome())
				.isEqualTo(ProbeOutcome.failed(ProbeCode.REFUSED));
		}
		assertThat(openOutage(code)).isEmpty();
		assertThat(catalogue.get(code).state()).isEqualTo(ComponentState.UNDER_MAINTENANCE);
		assertThat(catalogue.get(code).run().failures()).isZero();
		assertThat(get("/status").body()).contains("Mail relay upgrade", "Under maintenance");
	}

	@Test
	void onlyTheItRoleManagesIncidentsAndBrokenInputComesBackOnTheForm() throws Exception {
		WebSession nurse = WebSession.signIn(port, "nurse");
		assertThat(nurse.get("/continuity/incidents").statusCode()).isEqualTo(403);
		assertThat(nurse.get("/").body()).doesNotContain("href=\"/continuity/incidents\"").contains("href=\"/status\"");
		assertThat(jdbc.sql("""
				select count(*) from audit_log where resource_type = 'Incident' and outcome = 'DENIED'
				  and username = 'nurse'""").query(Long.class).single()).isPositive();

		WebSession itops = WebSession.signIn(port, "itops");
		assertThat(itops.get("/").body()).contains("href=\"/continuity/incidents\"");
		itops.get("/continuity/incidents");
		long before = jdbc.sql("select count(*) from continuity_incident").query(Long.class).single();
		HttpResponse<String> noComponent = itops.post("/continuity/incidents",
				Map.of("title", "Something", "impact", "major", "reason", "because"));
		assertThat(noComponent.statusCode()).isEqualTo(422);
		assertThat(noComponent.body()).contains("Choose at least one affected component");
		HttpResponse<String> future = itops.post("/continuity/incidents", Map.of("title", "Something", "impact",
				"major", "components", "database", "start", local(Instant.now().plusSeconds(7200)), "reason", "x"));
		assertThat(future.statusCode()).isEqualTo(422);
		assertThat(future.body()).contains("cannot start in the future");
		HttpResponse<String> badImpact = itops.post("/continuity/incidents",
				Map.of("title", "Something", "impact", "huge", "components", "database", "reason", "x"));
		assertThat(badImpact.statusCode()).isEqualTo(422);
		HttpResponse<String> unknown = itops.post("/continuity/incidents",
				Map.of("title", "Something", "impact", "major", "components", "no-such-thing", "reason", "x"));
		assertThat(unknown.statusCode()).isEqualTo(422);
		assertThat(unknown.body()).contains("No component with code no-such-thing");
		HttpResponse<String> badWindow = itops.post("/continuity/maintenance", Map.of("title", "Upgrade", "components",
				"database", "start", "2026-12-06T10:00", "end", "2026-12-06T09:00", "reason", "x"));
		assertThat(badWindow.statusCode()).isEqualTo(422);
		assertThat(badWindow.body()).contains("ends after it starts");
		HttpResponse<String> badTime = itops.post("/continuity/maintenance",
				Map.of("title", "Upgrade", "components", "database", "start", "tomorrow", "end", "", "reason", "x"));
		assertThat(badTime.statusCode()).isEqualTo(422);
		assertThat(itops.get("/continuity/incidents/999999999").statusCode()).isEqualTo(404);
		assertThat(itops
			.post("/continuity/components/database/thresholds",
					Map.of("failureThreshold", "0", "recoveryThreshold", "2", "intervalSeconds", "15"))
			.statusCode()).isEqualTo(422);
		assertThat(jdbc.sql("select count(*) from continuity_incident").query(Long.class).single()).isEqualTo(before);
	}

	@Test
	void theItRoleSetsAComponentsThresholdsAndProbesItOnDemand() throws Exception {
		String code = component("settings", "smtp", "127.0.0.1:" + closedPort());
		WebSession itops = WebSession.signIn(port, "itops");
		itops.get("/continuity/incidents");
		assertThat(itops
			.post("/continuity/components/" + code + "/thresholds",
					Map.of("failureThreshold", "4", "recoveryThreshold", "3", "intervalSeconds", "30"))
			.statusCode()).isEqualTo(302);
		assertThat(itops.get("/continuity/incidents").body()).contains("Thresholds of " + code + " saved.");
		var component = catalogue.get(code);
		assertThat(component.failureThreshold()).isEqualTo(4);
		assertThat(component.recoveryThreshold()).isEqualTo(3);
		assertThat(component.probeInterval()).isEqualTo(java.time.Duration.ofSeconds(30));
		assertThat(jdbc.sql("""
				select count(*) from audit_log where resource_type = 'Component' and resource_id = :code
				  and username = 'itops' and action = 'UPDATE'""").param("code", code).query(Long.class).single())
			.isEqualTo(1);
		assertThat(itops.post("/continuity/components/" + code + "/probe", Map.of()).statusCode()).isEqualTo(302);
		assertThat(itops.get("/continuity/incidents").body()).contains(code + ": failed (connection-refused)");
		assertThat(itops.post("/continuity/components/no-such-component/probe", Map.of()).statusCode()).isEqualTo(404);
	}

}
