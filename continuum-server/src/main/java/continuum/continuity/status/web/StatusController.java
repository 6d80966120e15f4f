package continuum.continuity.status.web;

import java.security.Principal;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import continuum.backup.BackupService;
import continuum.backup.BackupVerification;
import continuum.continuity.ComponentState;
import continuum.continuity.IncidentKind;
import continuum.continuity.status.StatusPage;
import continuum.continuity.status.StatusReport;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code /status}: the hospital's status page, open to anyone (no sign-in, no patient
 * data), in the main UI's layout: the state of each component now, the incidents going
 * on, 90 days of outages per component with their durations, which server node runs each
 * background job, and the newest verification of the database's backups with the
 * data-loss window it proves. Times are the hospital's.
 */
@Controller
class StatusController {

	static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE dd/MM/yyyy HH:mm", Locale.UK)
		.withZone(StatusPage.ZONE);

	private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("dd/MM HH:mm:ss", Locale.UK)
		.withZone(StatusPage.ZONE);

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE dd/MM/yyyy", Locale.UK);

	private final StatusPage page;

	private final BackupService backups;

	StatusController(StatusPage page, BackupService backups) {
		this.page = page;
		this.backups = backups;
	}

	record ComponentRow(String code, String name, String state, String label, String since) {
	}

	record UpdateRow(String status, String body, String at) {
	}

	record IncidentRow(long id, String kind, String title, String status, String impact, String components,
			String start, String end, String lasted, List<UpdateRow> updates) {
	}

	record OutageRow(long id, String title, String start, String end, String duration, String status) {
	}

	record DayCell(String css, String title) {
	}

	record HistoryRow(String code, String name, String downtime, List<OutageRow> outages, List<DayCell> days) {
	}

	record JobRow(String job, boolean held, String holder, String since, String expires) {
	}

	/**
	 * The newest verification of a backup, and the window the newest successful one
	 * proves: the database can be restored up to {@code restorable}.
	 */
	record BackupRow(String at, String took, boolean succeeded, String result, String checks,
			@Nullable String restorable) {
	}

	@GetMapping("/status")
	String status(Model model, @Nullable Principal principal) {
		StatusReport report = page.report();
		Map<String, String> names = report.components()
			.stream()
			.collect(Collectors.toMap(StatusReport.ComponentStatus::code, StatusReport.ComponentStatus::name));
		model.addAttribute("overall", overall(report.worst()));
		model.addAttribute("overallState", report.worst().code());
		model.addAttribute("asOf", TIME.format(report.now()));
		model.addAttribute("components", report.components()
			.stream()
			.map(c -> new ComponentRow(c.code(), c.name(), c.configured() ? c.state().code() : "not_configured",
					c.configured() ? label(c.state()) : "Not configured", c.configured() ? TIME.format(c.since()) : ""))
			.toList());
		model.addAttribute("incidents", report.current().stream().map(current -> {
			var i = current.incident();
			return new IncidentRow(i.id(), i.kind() == IncidentKind.MAINTENANCE ? "Maintenance" : "Outage", i.title(),
					i.status().code().replace('_', ' '), i.impact().code(),
					i.components().stream().map(c -> names.getOrDefault(c, c)).collect(Collectors.joining(", ")),
					TIME.format(i.start()), i.end() == null ? "" : TIME.format(i.end()),
					i.start().isAfter(report.now()) ? "not started" : Durations.text(current.lasted()),
					current.updates()
						.stream()
						.map(u -> new UpdateRow(u.status().code().replace('_', ' '), u.body(), TIME.format(u.at())))
						.toList());
		}).toList());
		model.addAttribute("history", report.history()
			.stream()
			.map(h -> new HistoryRow(h.code(), h.name(), Durations.text(h.downtime()), h.outages()
				.stream()
				.map(o -> new OutageRow(o.incidentId(), o.title(), TIME.format(o.start()),
						o.end() == null ? "going on" : TIME.format(o.end()), Durations.text(o.duration()), o.status()))
				.toList(),
					h.days()
						.stream()
						.map(d -> new DayCell(d.down().isZero() ? "up" : d.down().toMinutes() < 60 ? "short" : "long",
								DAY.format(d.date())
										+ (d.down().isZero() ? ": no outage" : ": down " + Durations.text(d.down()))))
						.toList()))
			.toList());
		model.addAttribute("days", StatusReport.DAYS);
		model.addAttribute("jobs",
				report.jobs()
					.stream()
					.map(j -> new JobRow(j.job(), j.live(), j.holder(), SECONDS.format(j.acquiredAt()),
							SECONDS.format(j.expiresAt())))
					.toList());
		model.addAttribute("backupsTaken", backups.enabled());
		model.addAttribute("backup", backups.lastVerification().map(this::backupRow).orElse(null));
		if (principal == null) {
			model.addAttribute("currentUserMay",
					Map.of("findPatients", false, "seeWards", false, "seeAppointments", false, "reschedule", false));
		}
		return "continuity/status";
	}

	private BackupRow backupRow(BackupVerification last) {
		String restorable = backups.lastSuccessfulVerification()
			.filter(good -> good.backupTime() != null)
			.map(good -> SECONDS.format(good.walThrough() != null ? good.walThrough() : good.backupTime())
					+ " (base backup of " + SECONDS.format(good.backupTime()) + ")")
			.orElse(null);
		String result = last.succeeded() ? "Verified"
				: "Failed" + (last.code() == null ? "" : " (" + last.code().code() + ")");
		return new BackupRow(SECONDS.format(last.startedAt()), Durations.text(last.duration()), last.succeeded(),
				result, last.checks(), restorable);
	}

	static String label(ComponentState state) {
		return switch (state) {
			case OPERATIONAL -> "Operational";
			case DEGRADED -> "Degraded";
			case PARTIAL_OUTAGE -> "Partial outage";
			case MAJOR_OUTAGE -> "Major outage";
			case UNDER_MAINTENANCE -> "Under maintenance";
		};
	}

	static String overall(ComponentState worst) {
		return switch (worst) {
			case OPERATIONAL -> "All systems operational";
			case DEGRADED -> "Minor service outage";
			case PARTIAL_OUTAGE -> "Partial system outage";
			case MAJOR_OUTAGE -> "Major system outage";
			case UNDER_MAINTENANCE -> "Service under maintenance";
		};
	}

}
