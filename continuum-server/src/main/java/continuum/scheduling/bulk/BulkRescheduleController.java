package continuum.scheduling.bulk;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.patients.PatientSummary;
import continuum.platform.InvalidInputException;
import continuum.platform.NotFoundException;
import continuum.scheduling.AvailabilityService;
import continuum.scheduling.Schedule;
import continuum.scheduling.ScheduleId;
import continuum.scheduling.ScheduleService;
import continuum.platform.SafeLogging;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /scheduling/bulk}: choose a resource, a department or the whole hospital, a
 * window and a reason; review the proposals (patient, MRN, old and proposed time,
 * resources, state), drop the ones to leave alone, confirm; then see the counts. Broken
 * input comes back on the form with its message (422), never as an error page. Times are
 * the hospital's local time.
 */
@Controller
class BulkRescheduleController {

	private static final Logger log = LoggerFactory.getLogger(BulkRescheduleController.class);

	static final ZoneId ZONE = ZoneId.of("Europe/Brussels");

	static final int SHOWN = 300;

	private static final DateTimeFormatter SHOW = DateTimeFormatter.ofPattern("EEE dd/MM/yyyy HH:mm", Locale.UK)
		.withZone(ZONE);

	private final BulkRescheduleService bulk;

	private final ScheduleService schedules;

	private final AvailabilityService availability;

	private final PatientService patients;

	private final TaskExecutor executor;

	BulkRescheduleController(BulkRescheduleService bulk, ScheduleService schedules, AvailabilityService availability,
			PatientService patients, @Qualifier("applicationTaskExecutor") TaskExecutor executor) {
		this.bulk = bulk;
		this.schedules = schedules;
		this.availability = availability;
		this.patients = patients;
		this.executor = executor;
	}

	/** One proposal as the table shows it. */
	record Row(RescheduleItem item, String patient, String mrn, String oldTime, String oldResources,
			String proposedTime, String proposedResources) {
	}

	@GetMapping("/scheduling/bulk")
	String form(Model model) {
		return form(model, null, Map.of());
	}

	@PostMapping("/scheduling/bulk")
	String start(@RequestParam(defaultValue = "") String scope,
			@RequestParam(required = false) @Nullable String schedule,
			@RequestParam(required = false) @Nullable String department,
			@RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
			@RequestParam(required = false) @Nullable String notBefore,
			@RequestParam(required = false) @Nullable String reason, Model model, HttpServletResponse response) {
		Map<String, @Nullable String> entered = new HashMap<>();
		entered.put("scope", scope);
		entered.put("schedule", schedule);
		entered.put("department", department);
		entered.put("from", from);
		entered.put("to", to);
		entered.put("notBefore", notBefore);
		entered.put("reason", reason);
		try {
			RescheduleScope chosen = scope(scope);
			RescheduleBatch batch = bulk.start(new RescheduleRequest(chosen,
					chosen == RescheduleScope.RESOURCE && !blank(schedule) ? ScheduleId.of(schedule.strip()) : null,
					department, time(from, "window start"), time(to, "window end"),
					blank(notBefore) ? null : time(notBefore, "earliest new time"), reason == null ? "" : reason));
			return "redirect:/scheduling/bulk/" + batch.id();
		}
		catch (InvalidInputException | NotFoundException ex) {
			response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
			return form(model, ex.getMessage(), entered);
		}
	}

	@GetMapping("/scheduling/bulk/{id}")
	String batch(@PathVariable long id, Model model) {
		RescheduleBatch batch = bulk.batch(id);
		List<RescheduleItem> items = bulk.items(id, null, SHOWN, 0);
		Map<PatientId, PatientSummary> shown = patients
			.summaries(items.stream().map(RescheduleItem::patient).distinct().toList());
		Map<ScheduleId, String> names = new HashMap<>();
		List<Row> rows = items.stream().map(item -> {
			PatientSummary patient = shown.get(item.patient());
			return new Row(item,
					patient == null ? "(patient not shown)"
							: patient.family().toUpperCase(Locale.ROOT) + ", " + patient.given(),
					patient == null ? "" : patient.mrn(), SHOW.format(item.oldStart()),
					item.oldSchedules().stream().map(s -> name(s, names)).collect(Collectors.joining(", ")),
					item.proposedStart() == null ? "—" : SHOW.format(item.proposedStart()),
					item.proposedSlots()
						.stream()
						.map(slot -> name(availability.get(slot).schedule(), names))
						.collect(Collectors.joining(", ")));
		}).toList();
		model.addAttribute("batch", batch);
		model.addAttribute("rows", rows);
		model.addAttribute("shown", SHOWN);
		model.addAttribute("states", ItemState.values());
		model.addAttribute("proposed", batch.count(ItemState.PROPOSED));
		model.addAttribute("window", SHOW.format(batch.from()) + " – " + SHOW.format(batch.to()));
		model.addAttribute("notBefore", SHOW.format(batch.notBefore()));
		model.addAttribute("target", target(batch, names));
		return "scheduling/bulkBatch";
	}

	@PostMapping("/scheduling/bulk/{id}/items/{item}/drop")
	String drop(@PathVariable long id, @PathVariable long item, RedirectAttributes redirect) {
		bulk.drop(id, item);
		redirect.addFlashAttribute("notice", "Item " + item + " dropped; its appointment stays as it is.");
		return "redirect:/scheduling/bulk/" + id;
	}

	/** Changes one proposal: the earliest fitting slots from the time given. */
	@PostMapping("/scheduling/bulk/{id}/items/{item}/propose")
	String proposeAgain(@PathVariable long id, @PathVariable long item,
			@RequestParam(required = false) @Nullable String notBefore, RedirectAttributes redirect) {
		try {
			RescheduleItem changed = bulk.proposeAgain(id, item, time(notBefore, "new earliest time"));
			redirect.addFlashAttribute("notice",
					changed.state() == ItemState.PROPOSED
							? "Item " + item + " now proposed for " + SHOW.format(changed.proposedStart()) + "."
							: "Item " + item + ": no free slot from that time on.");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/scheduling/bulk/" + id;
	}

	/**
	 * Confirms the proposals and starts rebooking them in the background (each patient
	 * told once); the page follows the counts.
	 */
	@PostMapping("/scheduling/bulk/{id}/confirm")
	String confirm(@PathVariable long id, RedirectAttributes redirect) {
		bulk.confirm(id);
		return execute(id, redirect);
	}

	/**
	 * Starts (or continues, after a stop) the rebooking in the background, as the
	 * signed-in scheduler. A second run of the same batch is harmless: runs share the
	 * items.
	 */
	@PostMapping("/scheduling/bulk/{id}/execute")
	String execute(@PathVariable long id, RedirectAttributes redirect) {
		bulk.batch(id);
		executor.execute(new DelegatingSecurityContextRunnable(() -> {
			try {
				bulk.execute(id, 0);
			}
			catch (RuntimeException ex) {
				log.warn("Bulk rescheduling {}: rebooking stopped: {}", id, SafeLogging.describe(ex));
			}
		}));
		redirect.addFlashAttribute("notice", "Rebooking started; the counts follow its progress.");
		return "redirect:/scheduling/bulk/" + id;
	}

	/**
	 * The status and counts, polled by the page while rebooking; once it is over, htmx is
	 * told to reload the whole page (rows and buttons change too).
	 */
	@GetMapping("/scheduling/bulk/{id}/progress")
	String progress(@PathVariable long id, Model model, HttpServletResponse response) {
		RescheduleBatch batch = bulk.batch(id);
		if (batch.status() != BatchStatus.EXECUTING) {
			response.setHeader("HX-Refresh", "true");
		}
		model.addAttribute("batch", batch);
		model.addAttribute("states", ItemState.values());
		return "scheduling/bulkBatch :: progress";
	}

	/** Continues proposing after a stop. */
	@PostMapping("/scheduling/bulk/{id}/propose")
	String propose(@PathVariable long id) {
		bulk.propose(id);
		return "redirect:/scheduling/bulk/" + id;
	}

	private String form(Model model, @Nullable String error, Map<String, @Nullable String> entered) {
		List<RescheduleBatch> recent = bulk.recent(10);
		List<Schedule> open = schedules.search(null, null, true, 2000, 0);
		Map<String, List<Schedule>> byDepartment = new TreeMap<>(
				open.stream().collect(Collectors.groupingBy(Schedule::department)));
		model.addAttribute("departments", byDepartment);
		model.addAttribute("recent", recent);
		model.addAttribute("error", error);
		model.addAttribute("entered", entered);
		return "scheduling/bulk";
	}

	private String target(RescheduleBatch batch, Map<ScheduleId, String> names) {
		return switch (batch.scope()) {
			case RESOURCE -> "resource " + name(batch.schedule(), names);
			case DEPARTMENT -> "department " + batch.department();
			case ALL -> "the whole hospital";
		};
	}

	private String name(@Nullable ScheduleId id, Map<ScheduleId, String> names) {
		return id == null ? "" : names.computeIfAbsent(id, s -> schedules.get(s).name());
	}

	private static RescheduleScope scope(String value) {
		try {
			return RescheduleScope.valueOf(value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("Choose what to reschedule: a resource, a department or everything");
		}
	}

	private static Instant time(@Nullable String value, String field) {
		if (blank(value)) {
			throw new InvalidInputException("The " + field + " is missing");
		}
		try {
			return LocalDateTime.parse(value.strip()).atZone(ZONE).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputException("The " + field + " is not a date and time (yyyy-mm-ddThh:mm)");
		}
	}

	private static boolean blank(@Nullable String value) {
		return value == null || value.isBlank();
	}

}
