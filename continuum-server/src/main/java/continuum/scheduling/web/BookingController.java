package continuum.scheduling.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.platform.ConflictException;
import continuum.platform.InvalidInputException;
import continuum.scheduling.Appointment;
import continuum.scheduling.AppointmentId;
import continuum.scheduling.AppointmentService;
import continuum.scheduling.AppointmentType;
import continuum.scheduling.AvailabilityService;
import continuum.scheduling.BookingOption;
import continuum.scheduling.BookingRequest;
import continuum.scheduling.Schedule;
import continuum.scheduling.ScheduleId;
import continuum.scheduling.ScheduleService;
import continuum.scheduling.Slot;
import continuum.scheduling.SlotId;
import continuum.scheduling.SlotTakenException;
import continuum.security.AccessControl;
import continuum.security.Interaction;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /scheduling/book?patient=}: booking from the chart. Choose the appointment type,
 * the department and the patient's earliest date; pick one of the free times
 * {@link AvailabilityService#options} finds (each with every resource the type needs);
 * confirm. A time taken meanwhile by another booking comes back as a message with fresh
 * options, never as an error page. Only roles that may create appointments get here.
 */
@Controller
class BookingController {

	/** How far ahead of the earliest date free times are looked for. */
	private static final Duration SEARCH_WINDOW = Duration.ofDays(62);

	private static final int OPTIONS = 12;

	private final AppointmentService appointments;

	private final AvailabilityService availability;

	private final ScheduleService schedules;

	private final PatientService patients;

	private final AccessControl access;

	private final Clock clock;

	BookingController(AppointmentService appointments, AvailabilityService availability, ScheduleService schedules,
			PatientService patients, AccessControl access, Clock clock) {
		this.appointments = appointments;
		this.availability = availability;
		this.schedules = schedules;
		this.patients = patients;
		this.access = access;
		this.clock = clock;
	}

	@GetMapping("/scheduling/book")
	String form(@RequestParam String patient, @RequestParam(required = false) @Nullable String type,
			@RequestParam(required = false) @Nullable String department,
			@RequestParam(required = false) @Nullable String resource,
			@RequestParam(required = false) @Nullable String earliest,
			@RequestParam(required = false) @Nullable String slots,
			@RequestParam(required = false) @Nullable String replaces, Model model) {
		PatientId patientId = PatientId.of(patient);
		access.require("Appointment", Interaction.CREATE, null, patientId.asString());
		Choice choice = new Choice(Display.blankToNull(type), Display.blankToNull(department),
				Display.blankToNull(resource), Display.blankToNull(earliest), Display.blankToNull(slots), null,
				Display.blankToNull(replaces));
		return page(patientId, choice, null, model);
	}

	@PostMapping("/scheduling/book")
	String book(@RequestParam String patient, @RequestParam(required = false) @Nullable String type,
			@RequestParam(required = false) @Nullable String department,
			@RequestParam(required = false) @Nullable String resource,
			@RequestParam(required = false) @Nullable String earliest,
			@RequestParam(required = false) @Nullable String slots,
			@RequestParam(required = false) @Nullable String comment,
			@RequestParam(required = false) @Nullable String replaces,
			@RequestParam(required = false) @Nullable String reason,
			@RequestParam(defaultValue = "false") boolean overbook, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		PatientId patientId = PatientId.of(patient);
		Choice choice = new Choice(Display.blankToNull(type), Display.blankToNull(department),
				Display.blankToNull(resource), Display.blankToNull(earliest), null, Display.blankToNull(comment),
				Display.blankToNull(replaces));
		try {
			List<SlotId> chosen = slotIds(Display.blankToNull(slots));
			if (chosen.isEmpty()) {
				throw new InvalidInputException("Choose one of the free times first");
			}
			if (choice.replaces() != null) {
				return reschedule(AppointmentId.of(choice.replaces()), chosen, Display.blankToNull(reason), redirect);
			}
			Appointment booked = appointments
				.book(new BookingRequest(patientId, chosen, Display.blankToNull(comment), overbook));
			redirect.addFlashAttribute("notice", (booked.overbooked() ? "Overbooked for " : "Booked for ")
					+ Display.INSTANCE.dateTime(booked.start()) + ".");
			return "redirect:/scheduling/appointments/" + booked.id();
		}
		catch (SlotTakenException ex) {
			response.setStatus(HttpStatus.CONFLICT.value());
			model.addAttribute("taken", choice.replaces() == null ? Display.blankToNull(slots) : null);
			return page(patientId, choice,
					"That time was just booked by someone else; nothing was booked. Choose one of the free times below.",
					model);
		}
		catch (ConflictException ex) {
			response.setStatus(HttpStatus.CONFLICT.value());
			return page(patientId, choice, ex.getMessage(), model);
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
			return page(patientId, choice, ex.getMessage(), model);
		}
	}

	/**
	 * Moves the appointment to the chosen time in one transaction; the old one is
	 * cancelled with the reason and both point to each other.
	 */
	private String reschedule(AppointmentId old, List<SlotId> chosen, @Nullable String reason,
			RedirectAttributes redirect) {
		if (reason == null) {
			throw new InvalidInputException("Give the reason for moving appointment " + old
					+ " (for example: patient request, physician unavailable)");
		}
		Appointment moved = appointments.reschedule(old, chosen, reason);
		redirect.addFlashAttribute("notice", "Rescheduled to " + Display.INSTANCE.dateTime(moved.start())
				+ "; appointment " + old + " is cancelled and points here.");
		return "redirect:/scheduling/appointments/" + moved.id();
	}

	private String page(PatientId patient, Choice choice, @Nullable String error, Model model) {
		model.addAttribute("patient", patients.summary(patient));
		model.addAttribute("replacing",
				choice.replaces() == null ? null : appointments.get(AppointmentId.of(choice.replaces())));
		model.addAttribute("show", Display.INSTANCE);
		model.addAttribute("types", AppointmentType.values());
		List<Schedule> active = schedules.search(null, null, true, 1000, 0);
		model.addAttribute("departments", new TreeSet<>(active.stream().map(Schedule::department).toList()));
		Map<ScheduleId, Schedule> byId = new LinkedHashMap<>();
		active.forEach(s -> byId.put(s.id(), s));
		model.addAttribute("resources", byId);
		List<Schedule> inDepartment = active.stream().filter(s -> s.department().equals(choice.department())).toList();
		model.addAttribute("departmentResources", CalendarController.grouped(inDepartment));
		model.addAttribute("choice", choice);
		model.addAttribute("error", error);
		LocalDate today = LocalDate.now(clock.withZone(Display.ZONE));
		model.addAttribute("today", today);
		AppointmentType type = choice.type() == null ? null : AppointmentType.ofCode(choice.type())
			.orElseThrow(() -> new InvalidInputException("Unknown appointment type " + choice.type()));
		model.addAttribute("chosenType", type);
		List<BookingOption> options = List.of();
		if (type != null && choice.department() != null) {
			LocalDate earliest = Display.date(choice.earliest());
			Instant from = clock.instant();
			if (earliest != null && earliest.atStartOfDay(Display.ZONE).toInstant().isAfter(from)) {
				from = earliest.atStartOfDay(Display.ZONE).toInstant();
			}
			Instant to = from.plus(SEARCH_WINDOW);
			Schedule chosen = choice.resource() == null ? null : byId.get(ScheduleId.of(choice.resource()));
			if (chosen != null && !type.needs().contains(chosen.actorKind())) {
				model.addAttribute("hint", chosen.name() + " is a " + chosen.actorKind().fhirType().toLowerCase()
						+ ", which a " + type.display().toLowerCase() + " does not need; showing every resource.");
				chosen = null;
			}
			if (chosen == null || !chosen.department().equals(choice.department())) {
				options = availability.options(type, choice.department(), from, to, OPTIONS);
			}
			else {
				options = ResourceOptions.find(availability, inDepartment, chosen, type, from, to, OPTIONS);
			}
		}
		model.addAttribute("searched", type != null && choice.department() != null);
		model.addAttribute("options", options);
		List<Slot> confirm = choice.slots() == null ? List.of()
				: slotIds(choice.slots()).stream().map(availability::get).toList();
		model.addAttribute("confirm", confirm);
		return "scheduling/book";
	}

	static List<SlotId> slotIds(@Nullable String text) {
		if (text == null) {
			return List.of();
		}
		try {
			return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(SlotId::of).toList();
		}
		catch (RuntimeException ex) {
			throw new InvalidInputException("The chosen time is not one of the offered ones; choose again");
		}
	}

	/** What the form has chosen so far, shown again after a refusal. */
	record Choice(@Nullable String type, @Nullable String department, @Nullable String resource,
			@Nullable String earliest, @Nullable String slots, @Nullable String comment, @Nullable String replaces) {
	}

}
