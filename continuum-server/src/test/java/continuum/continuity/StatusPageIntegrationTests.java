package continuum.continuity;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import continuum.continuity.probes.ProbeResult;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /status} and {@code /api/status} without signing in: components, the outage
 * going on, and after it is resolved its duration in the history, in the page and in the
 * JSON (Statuspage's summary shape).
 */
class StatusPageIntegrationTests extends ContinuityPeers {

	@Test
	void anOutageShowsWhileItLastsAndWithItsDurationOnceResolved() throws Exception {
		GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort());
		smtp.start();
		int smtpPort = smtp.getSmtp().getPort();
		String code = component("status", "smtp", "127.0.0.1:" + smtpPort);
		smtp.stop();
		ProbeResult first = prober.probeNow(List.of(code)).get(code);
		prober.probeNow(List.of(code));
		Incident open = openOutage(code).orElseThrow();

		HttpResponse<String> page = get("/status");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("id=\"incident-" + open.id() + "\"", "Test " + code + " unavailable",
				"Major outage", "Major system outage", "Opened by probes");
		JsonNode going = JSON.readTree(get("/api/status").body());
		assertThat(going.get("status").get("indicator").asString()).isEqualTo("critical");
		JsonNode incident = find(going.get("incidents"), "id", Long.toString(open.id()));
		assertThat(incident.get("status").asString()).isEqualTo("investigating");
		assertThat(incident.get("impact").asString()).isEqualTo("critical");
		assertThat(incident.get("started_at").asString()).isEqualTo(first.at().toString());
		assertThat(incident.get("resolved_at").isNull()).isTrue();
		assertThat(incident.get("incident_updates").get(0).get("body").asString()).startsWith("Opened by probes");
		assertThat(incident.get("components").get(0).get("status").asString()).isEqualTo("major_outage");
		assertThat(find(going.get("components"), "id", code).get("status").asString()).isEqualTo("major_outage");

		GreenMail back = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", "smtp"));
		back.start();
		try {
			prober.probeNow(List.of(code));
			prober.probeNow(List.of(code));
		}
		finally {
			back.stop();
		}
		Incident resolved = incidents.find(open.id()).orElseThrow();
		Duration lasted = Duration.between(resolved.start(), resolved.end());
		assertThat(resolved.start()).isEqualTo(first.at());

		JsonNode after = JSON.readTree(get("/api/status").body());
		assertThat(after.get("incidents").valueStream().map(i -> i.get("id").asString()))
			.doesNotContain(Long.toString(open.id()));
		assertThat(find(after.get("components"), "id", code).get("status").asString()).isEqualTo("operational");
		JsonNode history = find(after.get("history"), "component_id", code);
		JsonNode outage = history.get("outages").get(0);
		assertThat(outage.get("incident_id").asString()).isEqualTo(Long.toString(open.id()));
		assertThat(outage.get("started_at").asString()).isEqualTo(first.at().toString());
		assertThat(Instant.parse(outage.get("resolved_at").asString())).isEqualTo(resolved.end());
		assertThat(outage.get("duration_seconds").asLong()).isEqualTo(lasted.toSeconds());
		assertThat(history.get("downtime_seconds").asLong()).isEqualTo(lasted.toSeconds());
		assertThat(after.has("page")).isTrue();
		assertThat(after.has("scheduled_maintenances")).isTrue();

		String html = get("/status").body();
		assertThat(html).contains("id=\"outage-" + code + "-" + open.id() + "\"");
		String row = html.substring(html.indexOf("id=\"outage-" + code + "-" + open.id() + "\""));
		assertThat(row.substring(0, row.indexOf("</tr>"))).contains(lasted.toSeconds() + " s");
	}

	@Test
	void theStatusPageNeedsNoSignInAndShowsEveryComponent() throws Exception {
		HttpResponse<String> page = get("/status");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("System status", "Database (primary)", "Patient management", "Scheduling",
				"E-mail gateway (SMTP)", "Not configured", "Last <span>90</span> days");
		assertThat(page.body()).doesNotContain("href=\"/patients\"");
		HttpResponse<String> json = get("/api/status");
		assertThat(json.statusCode()).isEqualTo(200);
		assertThat(json.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
		JsonNode body = JSON.readTree(json.body());
		assertThat(body.get("page").get("time_zone").asString()).isEqualTo("Europe/Brussels");
		assertThat(find(body.get("components"), "id", "database").get("name").asString())
			.isEqualTo("Database (primary)");
		assertThat(body.get("components").valueStream().map(c -> c.get("id").asString()))
			.doesNotContain("smtp-gateway");
	}

	@Test
	void theNewestBackupVerificationAndTheWindowItProvesAreShown() throws Exception {
		assertThat(get("/status").body()).contains("id=\"status-backups-off\"").doesNotContain("id=\"status-backup\"");
		long good = jdbc.sql("""
				insert into backup_verification (backup_id, started_at, duration_ms, succeeded, checks, backup_time,
				  wal_through, wal_segment)
				values ('20261206T013000Z', '2026-12-06T01:40:00Z', 44800, true, 'files, WAL, 293 indexes, 47 tables',
				  '2026-12-06T01:31:00Z', '2026-12-06T01:39:00Z', '000000010000000000000042')
				returning id""").query(Long.class).single();
		long failed = jdbc.sql("""
				insert into backup_verification (backup_id, started_at, duration_ms, succeeded, code, message, checks)
				values ('20261207T013000Z', '2026-12-07T01:40:00Z', 2100, false, 'FILE_MISMATCH', 'a file differs',
				  'files') returning id""").query(Long.class).single();
		try {
			String html = get("/status").body();
			// Brussels time (CET in December).
			assertThat(html).contains("id=\"status-backup\"", "07/12 02:40:00", "Failed (file-mismatch)",
					"06/12 02:39:00 (base backup of 06/12 02:31:00)");
		}
		finally {
			jdbc.sql("delete from backup_verification where id in (:good, :failed)")
				.param("good", good)
				.param("failed", failed)
				.update();
		}
	}

	private static JsonNode find(JsonNode array, String field, String value) {
		return array.valueStream()
			.filter(n -> n.get(field).asString().equals(value))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no element with " + field + " " + value + " in " + array));
	}

}
