package continuum.continuity.status.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import continuum.continuity.ComponentState;
import continuum.continuity.Incident;
import continuum.continuity.IncidentKind;
import continuum.continuity.status.StatusPage;
import continuum.continuity.status.StatusReport;
import continuum.platform.JobLease;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/status}: the status page as JSON, open to anyone, in the shape of the
 * common status-page API (Atlassian Statuspage v2 {@code summary.json}): {@code page},
 * {@code components} ({@code id} is the component's code; {@code status} one of
 * operational, degraded_performance, partial_outage, major_outage, under_maintenance),
 * {@code incidents} (outages not resolved, with {@code incident_updates}),
 * {@code scheduled_maintenances} (windows going on or ahead) and {@code status}
 * ({@code indicator} none, minor, major, critical or maintenance, with its description).
 * Components that are not configured are left out. Two additions the summary does not
 * have: every incident's {@code duration_seconds} (so far, while it lasts), and
 * {@code history}, per component the outages of the last 90 days with their durations.
 * And {@code jobs}: each background job that runs on one server node at a time, with the
 * node that holds its lease ({@code status} held, or vacant once the lease has expired or
 * been released: {@code holder} is then the last node that held it).
 */
@RestController
class StatusApiController {

	private final StatusPage page;

	StatusApiController(StatusPage page) {
		this.page = page;
	}

	@GetMapping(path = "/api/status", produces = "application/json")
	Map<String, Object> status() {
		StatusReport report = page.report();
		Map<String, StatusReport.ComponentStatus> byCode = new LinkedHashMap<>();
		report.components()
			.stream()
			.filter(StatusReport.ComponentStatus::configured)
			.forEach(c -> byCode.put(c.code(), c));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("page", Map.of("id", "continuum", "name", "Continuum", "url", "/status", "time_zone",
				StatusPage.ZONE.getId(), "updated_at", report.now().toString()));
		body.put("components", byCode.values().stream().map(StatusApiController::component).toList());
		List<Map<String, Object>> incidents = new ArrayList<>();
		List<Map<String, Object>> maintenances = new ArrayList<>();
		for (StatusReport.CurrentIncident current : report.current()) {
			Map<String, Object> incident = incident(current, byCode, report);
			(current.incident().kind() == IncidentKind.MAINTENANCE ? maintenances : incidents).add(incident);
		}
		body.put("incidents", incidents);
		body.put("scheduled_maintenances", maintenances);
		ComponentState worst = report.worst();
		body.put("status", Map.of("indicator", indicator(worst), "description", StatusController.overall(worst)));
		body.put("history",
				report.history()
					.stream()
					.filter(h -> byCode.containsKey(h.code()))
					.map(h -> Map.of("component_id", h.code(), "downtime_seconds", h.downtime().toSeconds(), "outages",
							h.outages().stream().map(o -> {
								Map<String, Object> outage = new LinkedHashMap<>();
								outage.put("incident_id", Long.toString(o.incidentId()));
								outage.put("name", o.title());
								outage.put("status", o.status());
								outage.put("started_at", o.start().toString());
								outage.put("resolved_at", o.end() == null ? null : o.end().toString());
								outage.put("duration_seconds", o.duration().toSeconds());
								return outage;
							}).toList()))
					.toList());
		body.put("jobs", report.jobs().stream().map(StatusApiController::job).toList());
		return body;
	}

	private static Map<String, Object> job(JobLease lease) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", lease.job());
		json.put("status", lease.live() ? "held" : "vacant");
		json.put("holder", lease.holder());
		json.put("acquired_at", lease.acquiredAt().toString());
		json.put("renewed_at", lease.renewedAt().toString());
		json.put("expires_at", lease.expiresAt().toString());
		return json;
	}

	private static Map<String, Object> component(StatusReport.ComponentStatus component) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", component.code());
		json.put("name", component.name());
		json.put("status", status(component.state()));
		json.put("updated_at", component.since().toString());
		return json;
	}

	private static Map<String, Object> incident(StatusReport.CurrentIncident current,
			Map<String, StatusReport.ComponentStatus> byCode, StatusReport report) {
		Incident i = current.incident();
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", Long.toString(i.id()));
		json.put("name", i.title());
		json.put("status", i.status().code());
		json.put("impact", i.impact().code());
		json.put("created_at", i.detected().toString());
		json.put("updated_at", i.changedAt().toString());
		json.put("started_at", i.start().toString());
		json.put("resolved_at", i.status().closed() && i.end() != null ? i.end().toString() : null);
		if (i.kind() == IncidentKind.MAINTENANCE) {
			json.put("scheduled_for", i.start().toString());
			json.put("scheduled_until", i.end() == null ? null : i.end().toString());
		}
		json.put("duration_seconds", i.start().isAfter(report.now()) ? 0 : current.lasted().toSeconds());
		json.put("incident_updates",
				current.updates()
					.stream()
					.map(u -> Map.of("id", Long.toString(u.id()), "status", u.status().code(), "body", u.body(),
							"created_at", u.at().toString()))
					.toList());
		json.put("components",
				i.components()
					.stream()
					.map(byCode::get)
					.filter(c -> c != null)
					.map(StatusApiController::component)
					.toList());
		return json;
	}

	static String status(ComponentState state) {
		return state == ComponentState.DEGRADED ? "degraded_performance" : state.code();
	}

	private static String indicator(ComponentState worst) {
		return switch (worst) {
			case OPERATIONAL -> "none";
			case DEGRADED -> "minor";
			case PARTIAL_OUTAGE -> "major";
			case MAJOR_OUTAGE -> "critical";
			case UNDER_MAINTENANCE -> "maintenance";
		};
	}

}
