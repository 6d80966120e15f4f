package continuum.continuity.incidents.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import continuum.audit.AuditAction;
import continuum.continuity.Impact;
import continuum.continuity.Incident;
import continuum.continuity.IncidentKind;
import continuum.continuity.IncidentService;
import continuum.continuity.IncidentStatus;
import continuum.continuity.incidents.IncidentBook;
import continuum.continuity.incidents.IncidentDesk;
import continuum.continuity.incidents.IncidentRepository;
import continuum.continuity.probes.ComponentCatalogue;
import continuum.continuity.probes.ProbeRunner;
import continuum.platform.ConflictException;
import continuum.platform.InvalidInputException;
import continuum.platform.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The IT role's incident pages under {@code /continuity}: the list with the forms to
 * declare an outage and plan maintenance, each component's thresholds (and a probe on
 * demand), and an incident's page with its versions, its timeline and the forms to add an
 * update, correct it (a new version, with a reason) and resolve it. Everyone else gets a
 * 403 (audited). Broken input comes back on the page with its message (422; 409 when
 * someone changed the incident meanwhile). Times are the hospital's.
 */
@Controller
class IncidentController {

	static final ZoneId ZONE = ZoneId.of("Europe/Brussels");

	static final DateTimeFormatter SHOW = DateTimeFormatter.ofPattern("EEE dd/MM/yyyy HH:mm", Locale.UK).withZone(ZONE);

	private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(ZONE);

	private final IncidentDesk desk;

	private final IncidentService incidents;

	private final IncidentRepository repository;

	private final ComponentCatalogue catalogue;

	private final ProbeRunner prober;

	private final Clock clock;

	IncidentController(IncidentDesk desk, IncidentService incidents, IncidentRepository repository,
			ComponentCatalogue catalogue, ProbeRunner prober, Clock clock) {
		this.clock = clock;
		this.desk = desk;
		this.incidents = incidents;
		this.repository = repository;
		this.catalogue = catalogue;
		this.prober = prober;
	}

	@GetMapping("/continuity/incidents")
	String list(Model model) {
		desk.require(AuditAction.SEARCH, null);
		return list(model, null, Map.of());
	}

	@PostMapping("/continuity/incidents")
	String declare(@RequestParam(defaultValue = "") String title, @RequestParam(defaultValue = "") String impact,
			@RequestParam(required = false) @Nullable List<String> components,
			@RequestParam(required = false) @Nullable String start, @RequestParam(defaultValue = "") String reason,
			Model model, HttpServletResponse response) {
		desk.require(AuditAction.CREATE, null);
		try {
			Incident declared = desk.declare(title, FormValues.impact(impact),
					components == null ? List.of() : components,
					FormValues.blank(start) ? null : FormValues.time(start, "start"), reason);
			return "redirect:/continuity/incidents/" + declared.id();
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
			return list(model, ex.getMessage(), entered("declare", title, reason, start, null));
		}
	}

	@PostMapping("/continuity/maintenance")
	String plan(@RequestParam(defaultValue = "") String title,
			@RequestParam(required = false) @Nullable List<String> components,
			@RequestParam(required = false) @Nullable String start,
			@RequestParam(required = false) @Nullable String end, @RequestParam(defaultValue = "") String reason,
			Model model, HttpServletResponse response) {
		desk.require(AuditAction.CREATE, null);
		try {
			Incident planned = desk.planMaintenance(title, components == null ? List.of() : components,
					FormValues.time(start, "start"), FormValues.time(end, "end"), reason);
			return "redirect:/continuity/incidents/" + planned.id();
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
			return list(model, ex.getMessage(), entered("maintenance", title, reason, start, end));
		}
	}

	@PostMapping("/continuity/components/{code}/thresholds")
	String thresholds(@PathVariable String code, @RequestParam(defaultValue = "") String failureThreshold,
			@RequestParam(defaultValue = "") String recoveryThreshold,
			@RequestParam(defaultValue = "") String intervalSeconds, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		desk.require(AuditAction.UPDATE, null);
		try {
			desk.setThresholds(code, FormValues.number(failureThreshold, "failure threshold"),
					FormValues.number(recoveryThreshold, "recovery threshold"),
					Duration.ofSeconds(FormValues.number(intervalSeconds, "probe interval")));
			redirect.addFlashAttribute("notice", "Thresholds of " + code + " saved.");
			return "redirect:/continuity/incidents";
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
			return list(model, ex.getMessage(), Map.of());
		}
	}

	@PostMapping("/continuity/components/{code}/probe")
	String probe(@PathVariable String code, RedirectAttributes redirect) {
		desk.require(AuditAction.UPDATE, null);
		catalogue.get(code);
		var result = prober.probeNow(List.of(code)).get(code);
		redirect.addFlashAttribute("notice",
				result == null ? code + " is not configured: nothing to probe."
						: code + ": " + result.outcome().result().code()
								+ (result.outcome().code() == null ? "" : " (" + result.outcome().code().code() + ")")
								+ " in " + result.latency().toMillis() + " ms.");
		return "redirect:/continuity/incidents";
	}

	@GetMapping("/continuity/incidents/{id}")
	String incident(@PathVariable long id, Model model) {
		desk.require(AuditAction.READ, id);
		return incident(id, model, null);
	}

	@PostMapping("/continuity/incidents/{id}/updates")
	String update(@PathVariable long id, @RequestParam(defaultValue = "0") int version,
			@RequestParam(defaultValue = "") String status, @RequestParam(defaultValue = "") String body, Model model,
			HttpServletResponse response) {
		desk.require(AuditAction.UPDATE, id);
		return changed(id, model, response, () -> desk.update(id, version, FormValues.status(status), body));
	}

	@PostMapping("/continuity/incidents/{id}/correct")
	String correct(@PathVariable long id, @RequestParam(defaultValue = "0") int version,
			@RequestParam(defaultValue = "") String title, @RequestParam(defaultValue = "") String impact,
			@RequestParam(defaultValue = "") String status,
			@RequestParam(required = false) @Nullable List<String> components,
			@RequestParam(required = false) @Nullable String start,
			@RequestParam(required = false) @Nullable String end, @RequestParam(defaultValue = "") String reason,
			Model model, HttpServletResponse response) {
		desk.require(AuditAction.UPDATE, id);
		return changed(id, model, response, () -> {
			Incident latest = incidents.find(id).orElseThrow(() -> new NotFoundException("No incident " + id));
			return desk.correct(id, version,
					new IncidentBook.Draft(latest.kind(), title, FormValues.impact(impact), FormValues.status(status),
							components == null ? List.of() : components, FormValues.time(start, "start"),
							FormValues.blank(end) ? null : FormValues.time(end, "end")),
					reason);
		});
	}

	@PostMapping("/continuity/incidents/{id}/resolve")
	String resolve(@PathVariable long id, @RequestParam(defaultValue = "0") int version,
			@RequestParam(required = false) @Nullable String end, @RequestParam(defaultValue = "") String reason,
			Model model, HttpServletResponse response) {
		desk.require(AuditAction.UPDATE, id);
		return changed(id, model, response,
				() -> desk.resolve(id, version, FormValues.blank(end) ? null : FormValues.time(end, "end"), reason));
	}

	private String changed(long id, Model model, HttpServletResponse response, Change change) {
		try {
			change.run();
			return "redirect:/continuity/incidents/" + id;
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
			return incident(id, model, ex.getMessage());
		}
		catch (ConflictException ex) {
			response.setStatus(HttpStatus.CONFLICT.value());
			return incident(id, model, ex.getMessage());
		}
	}

	private interface Change {

		Incident run();

	}

	private String list(Model model, @Nullable String error, Map<String, @Nullable String> entered) {
		model.addAttribute("error", error);
		model.addAttribute("entered", entered);
		model.addAttribute("current", incidents.current().stream().map(this::row).toList());
		model.addAttribute("recent", repository.recent(50).stream().map(this::row).toList());
		model.addAttribute("components", catalogue.all());
		model.addAttribute("impacts", List.of(Impact.MINOR, Impact.MAJOR, Impact.CRITICAL));
		return "continuity/incidents";
	}

	private String incident(long id, Model model, @Nullable String error) {
		Incident latest = incidents.find(id).orElseThrow(() -> new NotFoundException("No incident " + id));
		model.addAttribute("error", error);
		model.addAttribute("incident", latest);
		model.addAttribute("row", row(latest));
		model.addAttribute("versions", incidents.versions(id).stream().map(this::row).toList());
		model.addAttribute("timeline", incidents.timeline(id)
			.stream()
			.map(u -> new UpdateRow(u.status().code().replace('_', ' '), u.body(), u.author(), SHOW.format(u.at())))
			.toList());
		model.addAttribute("detected", SHOW.format(latest.detected()));
		model.addAttribute("components", catalogue.all());
		model.addAttribute("impacts", Impact.values());
		model.addAttribute("statuses",
				Arrays.stream(IncidentStatus.values()).filter(s -> s.fits(latest.kind())).toList());
		model.addAttribute("startInput", INPUT.format(latest.start()));
		model.addAttribute("endInput", latest.end() == null ? "" : INPUT.format(latest.end()));
		return "continuity/incident";
	}

	/** A timeline entry as the page shows it. */
	record UpdateRow(String status, String body, String author, String at) {
	}

	/** An incident version as the tables show it. */
	record Row(long id, int version, String kind, String title, String impact, String status, String components,
			String start, String end, String duration, String origin, String reason, String changedBy,
			String changedAt) {
	}

	private Row row(Incident i) {
		Instant now = clock.instant();
		return new Row(i.id(), i.version(), i.kind() == IncidentKind.MAINTENANCE ? "maintenance" : "outage", i.title(),
				i.impact().code(), i.status().code().replace('_', ' '), String.join(", ", i.components()),
				SHOW.format(i.start()), i.end() == null ? "" : SHOW.format(i.end()),
				i.end() == null ? "going on" : duration(i.duration(now)), i.origin().name().toLowerCase(Locale.ROOT),
				i.reason(), i.changedBy(), SHOW.format(i.changedAt()));
	}

	private static String duration(Duration duration) {
		long minutes = duration.toMinutes();
		return minutes < 1 ? duration.toSeconds() + " s"
				: minutes < 60 ? minutes + " min" : minutes / 60 + " h " + String.format("%02d", minutes % 60) + " min";
	}

	private static Map<String, @Nullable String> entered(String form, String title, String reason,
			@Nullable String start, @Nullable String end) {
		Map<String, @Nullable String> entered = new HashMap<>();
		entered.put("form", form);
		entered.put("title", title);
		entered.put("reason", reason);
		entered.put("start", start);
		entered.put("end", end);
		return entered;
	}

}
