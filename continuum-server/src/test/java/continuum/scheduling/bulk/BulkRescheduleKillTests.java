package continuum.scheduling.bulk;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import continuum.platform.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole server killed (SIGKILL, with its database) while it rebooks a bulk
 * rescheduling of the demo hospital's appointments, driven through the page as a
 * scheduler would: after the restart the batch shows what was done, "continue" finishes
 * it, and every appointment was moved exactly once and every patient told once.
 */
class BulkRescheduleKillTests {

	private static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	/** Enough demo patients for some 150 appointments in a few weeks. */
	private static final Map<String, String> DEMO = Map.of("CONTINUUM_DEMO_PATIENTS", "600");

	@TempDir
	Path temp;

	@Test
	void aRebookingCutOffByAKillIsContinuedWithoutDuplicates() throws Exception {
		Path data = temp.resolve("data");
		long batch;
		int total;
		try (ServerProcess server = ServerProcess.start(data, DEMO)) {
			long postgres = ServerProcess.postmasterPid(data);
			LocalDate from = LocalDate.now(BRUSSELS).plusDays(7);
			LocalDate to = from.plusDays(1);
			try (Connection db = ServerProcess.connect(data)) {
				while (booked(db, from, to) < 150 && to.isBefore(from.plusDays(30))) {
					to = to.plusDays(1);
				}
				assertThat(booked(db, from, to)).as("demo appointments in the window").isGreaterThanOrEqualTo(150);
			}
			Web web = new Web(server.baseUrl());
			web.signIn();
			HttpResponse<String> started = web.post("/scheduling/bulk", "/scheduling/bulk", Map.of("scope", "ALL",
					"from", from.atStartOfDay().toString(), "to", to.atStartOfDay().toString(), "reason", "Kill test"));
			assertThat(started.statusCode()).isEqualTo(302);
			String location = started.headers().firstValue("Location").orElseThrow();
			batch = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
			try (Connection db = ServerProcess.connect(data)) {
				total = count(db,
						"select count(*) from sched_reschedule_item where batch_id = ? and state = 'PROPOSED'", batch);
				assertThat(total).isGreaterThanOrEqualTo(150);
				String csrf = web.csrf("/scheduling/bulk/" + batch);
				web.postAsync("/scheduling/bulk/" + batch + "/confirm", csrf);
				await().atMost(Duration.ofSeconds(60))
					.pollInterval(Duration.ofMillis(20))
					.until(() -> count(db,
							"select count(*) from sched_reschedule_item where batch_id = ? and state = " + "'REBOOKED'",
							batch) >= 5);
			}
			server.killHard(postgres);
		}

		try (ServerProcess restarted = ServerProcess.start(data, DEMO); Connection db = ServerProcess.connect(data)) {
			int rebooked = count(db,
					"select count(*) from sched_reschedule_item where batch_id = ? and state = 'REBOOKED'", batch);
			int confirmed = count(db,
					"select count(*) from sched_reschedule_item where batch_id = ? and state = 'CONFIRMED'", batch);
			assertThat(rebooked).as("rebooked before the kill").isPositive();
			assertThat(confirmed).as("left to do after the kill").isPositive();
			assertThat(rebooked + confirmed).isEqualTo(total);

			Web web = new Web(restarted.baseUrl());
			web.signIn();
			assertThat(web.post("/scheduling/bulk/" + batch + "/execute", "/scheduling/bulk/" + batch, Map.of())
				.statusCode()).isEqualTo(302);

			await().atMost(Duration.ofSeconds(120))
				.until(() -> count(db, "select count(*) from sched_reschedule_batch where id = ? and status = 'DONE'",
						batch) == 1);
			assertThat(count(db, "select count(*) from sched_reschedule_item where batch_id = ? and state = 'REBOOKED'",
					batch))
				.isEqualTo(total);
			assertThat(count(db,
					"""
							select count(*) from sched_reschedule_item i
							where i.batch_id = ? and (select count(*) from sched_appointment a where a.replaces = i.appointment_id) <> 1""",
					batch))
				.as("appointments not moved exactly once")
				.isZero();
			assertThat(count(db,
					"""
							select count(*) from sched_reschedule_item i
							where i.batch_id = ? and not exists (select 1 from notification_outbox o
							    where o.kind = 'APPOINTMENT_RESCHEDULED' and o.reference = 'Appointment/' || i.new_appointment_id)""",
					batch))
				.as("patients not told")
				.isZero();
			assertThat(count(db, """
					select count(*) from (select o.reference, o.channel from notification_outbox o
					    join sched_reschedule_item i on o.reference = 'Appointment/' || i.new_appointment_id
					    where i.batch_id = ? and o.kind = 'APPOINTMENT_RESCHEDULED'
					    group by o.reference, o.channel having count(*) > 1) twice""", batch)).as("patients told twice")
				.isZero();
			assertThat(restarted.log()).doesNotContain("Kill test");
		}
	}

	private static int booked(Connection db, LocalDate from, LocalDate to) throws Exception {
		try (PreparedStatement select = db.prepareStatement(
				"select count(*) from sched_appointment where status = 'BOOKED' and starts_at >= ? and starts_at < ?")) {
			select.setObject(1, from.atStartOfDay(BRUSSELS).toOffsetDateTime());
			select.setObject(2, to.atStartOfDay(BRUSSELS).toOffsetDateTime());
			ResultSet rs = select.executeQuery();
			rs.next();
			return rs.getInt(1);
		}
	}

	private static int count(Connection db, String sql, long batch) throws Exception {
		try (PreparedStatement select = db.prepareStatement(sql)) {
			select.setLong(1, batch);
			ResultSet rs = select.executeQuery();
			rs.next();
			return rs.getInt(1);
		}
	}

	/** A scheduler's browser session without a browser: cookies and CSRF tokens. */
	private static final class Web {

		private final String base;

		private final HttpClient http = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();

		Web(String base) {
			this.base = base;
		}

		void signIn() throws Exception {
			HttpResponse<String> done = post("/login", "/login",
					Map.of("username", "scheduler", "password", "test-password-1"));
			assertThat(done.headers().firstValue("Location"))
				.hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
		}

		String csrf(String page) throws Exception {
			String html = http
				.send(HttpRequest.newBuilder(URI.create(base + page)).build(), HttpResponse.BodyHandlers.ofString())
				.body();
			Matcher matcher = CSRF.matcher(html);
			assertThat(matcher.find()).as("CSRF token on " + page).isTrue();
			return matcher.group(1);
		}

		HttpResponse<String> post(String path, String formPage, Map<String, String> fields) throws Exception {
			Map<String, String> form = new LinkedHashMap<>(fields);
			form.put("_csrf", csrf(formPage));
			return http.send(request(path, form), HttpResponse.BodyHandlers.ofString());
		}

		void postAsync(String path, String csrf) {
			http.sendAsync(request(path, Map.of("_csrf", csrf)), HttpResponse.BodyHandlers.discarding());
		}

		private HttpRequest request(String path, Map<String, String> form) {
			String body = form.entrySet()
				.stream()
				.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
						+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
				.collect(Collectors.joining("&"));
			return HttpRequest.newBuilder(URI.create(base + path))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build();
		}

	}

}
