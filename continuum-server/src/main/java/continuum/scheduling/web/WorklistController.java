package continuum.scheduling.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.patients.PatientSummary;
import continuum.platform.ConflictException;
import continuum.platform.InvalidInputException;
import continuum.platform.VersionConflictException;
import continuum.scheduling.Appointment;
import continuum.scheduling.AppointmentId;
import continuum.scheduling.AppointmentQuery;
import continuum.scheduling.AppointmentService;
import continuum.scheduling.AppointmentStatus;
import continuum.scheduling.Schedule;
import continuum.scheduling.ScheduleId;
import continuum.scheduling.ScheduleService;
import continuum.security.AccessControl;
import continuum.security.Interaction;
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
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code /scheduling/worklist}: a day's appointments (today by default) of a department,
 * a resource or all, with check-in, fulfilled, no-show and cancel (with a reason). Each
 * action form carries the version it was shown at, so a change made meanwhile by someone
 * else is reported on the page, not overwritten. Who may do what is the service's call:
 * check-in needs the update right, cancelling the booking right.
 */
@Controller
class WorklistController {

	private static final int MAX_ROWS = 500;

	private final AppointmentService appointments;

	private final ScheduleService schedules;

	private final PatientService patients;

	private final AccessControl access;

	private final Clock clock;

	WorklistController(AppointmentService appointments, ScheduleService schedules, PatientService patients,
			AccessControl access, Clock clock) {
		this.appointments = appointments;
		this.schedules = schedules;
		this.patients = patients;
		this.access = access;
		this.clock = clock;
	}

	/** The worklist's filter, carried through the action forms. */
	record Filter(@Nullable LocalDate date, @Nullable String department, @Nullable String schedule) {

		static Filter of(@Nullable String date, @Nullable String department, @Nullable String schedule) {
			return new Filter(Display.date(date), Display.blankToNull(department), Display.blankToNull(schedule));
		}

		String url() {
			UriComponentsBuilder url = UriComponentsBuilder.fromPath("/scheduling/worklist");
			if (date != null) {
				url.queryParam("date", date);
			}
			if (department != null) {
				url.queryParam("department", department);
			}
			if (schedule != null) {
				url.queryParam("schedule", schedule);
			}
			return url.encode().build().toUriString();
		}

	}

	@GetMapping("/scheduling/worklist")
	String worklist(@RequestParam(required = false) @Nullable String date,
			@RequestParam(required = false) @Nullable String department,
			@RequestParam(required = false) @Nullable String schedule, Model model) {
		return page(Filter.of(date, department, schedule), null, model);
	}

	@PostMapping("/scheduling/appointments/{id}/status")
	String changeStatus(@PathVariable String id, @RequestParam String status, @RequestParam int version,
			@RequestParam(required = false) @Nullable String back,
			@RequestParam(required = false) @Nullable String date,
			@RequestParam(required = false) @Nullable String department,
			@RequestParam(required = false) @Nullable String schedule, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		AppointmentId appointmentId = AppointmentId.of(id);
		Filter filter = Filter.of(date, department, schedule);
		try {
			AppointmentStatus target = AppointmentStatus.ofCode(status)
				.orElseThrow(() -> new InvalidInputException("Unknown appointment status " + status));
			Appointment changed = appointments.changeStatus(appointmentId, target, version);
			redirect.addFlashAttribute("notice",
					"Appointment " + changed.id() + ": " + (target == AppointmentStatus.ARRIVED
							? "patient checked in (arrived)." : "now " + changed.status().code() + "."));
			return redirect(back, appointmentId, filter);
		}
		catch (ConflictException | InvalidInputException ex) {
			return refused(ex, back, appointmentId, filter, model, redirect, response);
		}
	}

	@PostMapping("/scheduling/appointments/{id}/cancel")
	String cancel(@PathVariable String id, @RequestParam(required = false) @Nullable String reason,
			@RequestParam int version, @RequestParam(required = false) @Nullable String back,
			@RequestParam(required = false) @Nullable String date,
			@RequestParam(required = false) @Nullable String department,
			@RequestParam(required = false) @Nullable String schedule, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		AppointmentId appointmentId = AppointmentId.of(id);
		Filter filter = Filter.of(date, department, schedule);
		try {
			if (Display.blankToNull(reason) == null) {
				throw new InvalidInputException("Give a reason to cancel appointment " + appointmentId
						+ " (for example: patient request, physician unavailable)");
			}
			appointments.cancel(appointmentId, reason.strip(), version);
			redirect.addFlashAttribute("notice", "Appointment " + appointmentId + " is cancelled.");
			return redirect(back, appointmentId, filter);
		}
		catch (ConflictException | InvalidInputException ex) {
			return refused(ex, back, appointmentId, filter, model, redirect, response);
		}
	}

	private String refused(RuntimeException ex, @Nullable String back, AppointmentId id, Filter filter, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		String message = message(ex, id);
		if ("detail".equals(back)) {
			redirect.addFlashAttribute("error", message);
			return "redirect:/scheduling/appointments/" + id;
		}
		response.setStatus(ex instanceof ConflictException ? HttpStatus.CONFLICT.value()
				: HttpStatus.UNPROCESSABLE_CONTENT.value());
		return page(filter, message, model);
	}

	static String message(RuntimeException ex, AppointmentId id) {
		if (ex instanceof VersionConflictException) {
			return "Appointment " + id
					+ " was changed by someone else meanwhile; nothing was changed. Review it below and try again.";
		}
		return ex.getMessage();
	}

	private static String redirect(@Nullable String back, AppointmentId id, Filter filter) {
		return "detail".equals(back) ? "redirect:/scheduling/appointments/" + id : "redirect:" + filter.url();
	}

	private String page(Filter filter, @Nullable String error, Model model) {
		LocalDate day = filter.date() == null ? LocalDate.now(clock.withZone(Display.ZONE)) : filter.date();
		Instant from = day.atStartOfDay(Display.ZONE).toInstant();
		Instant to = day.plusDays(1).atStartOfDay(Display.ZONE).toInstant();
		AppointmentQuery query;
		if (filter.schedule() != null) {
			query = AppointmentQuery.inWindow(ScheduleId.of(filter.schedule()), from, to);
		}
		else if (filter.department() != null) {
			query = AppointmentQuery.inDepartment(filter.department(), from, to);
		}
		else {
			query = AppointmentQuery.inWindow(null, from, to);
		}
		List<Appointment> found = appointments.search(query, MAX_ROWS, 0);
		Map<PatientId, PatientSummary> shown = found.isEmpty() ? Map.of()
				: patients.summaries(found.stream().map(Appointment::patient).toList());
		List<Schedule> active = schedules.search(null, null, true, 1000, 0);
		model.addAttribute("rows", found.stream().map(a -> new CalendarGrid.Chip(a, shown.get(a.patient()))).toList());
		model.addAttribute("truncated", found.size() >= MAX_ROWS);
		model.addAttribute("filter", filter);
		model.addAttribute("date", day);
		model.addAttribute("today", LocalDate.now(clock.withZone(Display.ZONE)));
		model.addAttribute("departments", new TreeSet<>(active.stream().map(Schedule::department).toList()));
		model.addAttribute("resources", CalendarController.grouped(active));
		model.addAttribute("mayUpdate", access.allows("Appointment", Interaction.UPDATE));
		model.addAttribute("mayCancel", access.allows("Appointment", Interaction.CREATE));
		model.addAttribute("show", Display.INSTANCE);
		model.addAttribute("error", error);
		return "scheduling/worklist";
	}

}
