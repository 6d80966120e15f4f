package continuum.scheduling.web;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.patients.PatientSummary;
import continuum.scheduling.ActorKind;
import continuum.scheduling.Appointment;
import continuum.scheduling.AppointmentQuery;
import continuum.scheduling.AppointmentService;
import continuum.scheduling.AppointmentStatus;
import continuum.scheduling.AvailabilityService;
import continuum.scheduling.Schedule;
import continuum.scheduling.ScheduleId;
import continuum.scheduling.ScheduleService;
import continuum.scheduling.Slot;
import continuum.scheduling.SlotId;
import continuum.scheduling.SlotQuery;
import continuum.security.AccessControl;
import continuum.security.Interaction;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /scheduling}: pick a resource (by department and kind), then its day or week in
 * the schedule's own time zone — free, booked and blocked slots, and on booked ones the
 * appointment with patient, MRN, type and status. Appointments and patients are read
 * through their services, which audit each patient shown.
 */
@Controller
class CalendarController {

	private static final int MAX_ITEMS = 2000;

	private final ScheduleService schedules;

	private final AvailabilityService availability;

	private final AppointmentService appointments;

	private final PatientService patients;

	private final AccessControl access;

	private final Clock clock;

	CalendarController(ScheduleService schedules, AvailabilityService availability, AppointmentService appointments,
			PatientService patients, AccessControl access, Clock clock) {
		this.schedules = schedules;
		this.availability = availability;
		this.appointments = appointments;
		this.patients = patients;
		this.access = access;
		this.clock = clock;
	}

	@GetMapping("/scheduling")
	String calendar(@RequestParam(required = false) @Nullable String schedule,
			@RequestParam(defaultValue = "day") String view, @RequestParam(required = false) @Nullable String date,
			Model model) {
		List<Schedule> all = schedules.search(null, null, true, 1000, 0);
		model.addAttribute("resources", grouped(all));
		model.addAttribute("show", Display.INSTANCE);
		String chosen = Display.blankToNull(schedule);
		if (chosen == null) {
			return "scheduling/calendar";
		}
		Schedule resource = schedules.get(ScheduleId.of(chosen));
		ZoneId zone = resource.zone();
		LocalDate day = Display.date(date);
		if (day == null) {
			day = LocalDate.now(clock.withZone(zone));
		}
		boolean week = "week".equals(view);
		LocalDate first = week ? day.with(DayOfWeek.MONDAY) : day;
		LocalDate end = first.plusDays(week ? 7 : 1);
		List<CalendarGrid.Entry> entries = entries(resource, first.atStartOfDay(zone).toInstant(),
				end.atStartOfDay(zone).toInstant());
		model.addAttribute("resource", resource);
		model.addAttribute("view", week ? "week" : "day");
		model.addAttribute("date", day);
		model.addAttribute("previous", day.minusDays(week ? 7 : 1));
		model.addAttribute("next", day.plusDays(week ? 7 : 1));
		model.addAttribute("zone", zone);
		model.addAttribute("slotCount", entries.size());
		if (week) {
			List<LocalDate> days = new ArrayList<>();
			for (int d = 0; d < 7; d++) {
				days.add(first.plusDays(d));
			}
			model.addAttribute("days", days);
			model.addAttribute("weekRows", CalendarGrid.week(first, zone, entries));
		}
		else {
			model.addAttribute("hours", CalendarGrid.hoursOf(day, zone).size());
			model.addAttribute("dayRows", CalendarGrid.day(day, zone, entries));
		}
		return "scheduling/calendar";
	}

	private List<CalendarGrid.Entry> entries(Schedule resource, Instant from, Instant to) {
		List<Slot> slots = availability
			.search(new SlotQuery(Set.of(resource.id()), null, null, Set.of(), from, to, null), MAX_ITEMS, 0);
		Map<SlotId, List<CalendarGrid.Chip>> chips = new HashMap<>();
		if (access.allows("Appointment", Interaction.SEARCH)) {
			Set<AppointmentStatus> holding = EnumSet.complementOf(EnumSet.of(AppointmentStatus.CANCELLED));
			List<Appointment> booked = appointments
				.search(AppointmentQuery.inWindow(resource.id(), from, to).withStatuses(holding), MAX_ITEMS, 0);
			Map<PatientId, PatientSummary> shown = booked.isEmpty() ? Map.of()
					: patients.summaries(booked.stream().map(Appointment::patient).toList());
			for (Appointment appointment : booked) {
				CalendarGrid.Chip chip = new CalendarGrid.Chip(appointment, shown.get(appointment.patient()));
				appointment.slots().forEach(slot -> chips.computeIfAbsent(slot, s -> new ArrayList<>()).add(chip));
			}
		}
		return slots.stream().map(s -> new CalendarGrid.Entry(s, chips.getOrDefault(s.id(), List.of()))).toList();
	}

	/** Active schedules by department, then by kind of resource, in name order. */
	static Map<String, Map<ActorKind, List<Schedule>>> grouped(List<Schedule> all) {
		Map<String, Map<ActorKind, List<Schedule>>> grouped = new TreeMap<>();
		for (Schedule schedule : all) {
			grouped.computeIfAbsent(schedule.department(), d -> new LinkedHashMap<>())
				.computeIfAbsent(schedule.actorKind(), k -> new ArrayList<>())
				.add(schedule);
		}
		grouped.values().forEach(kinds -> kinds.values().forEach(list -> list.sort((a, b) -> {
			int byName = a.name().compareToIgnoreCase(b.name());
			return byName != 0 ? byName : Long.compare(a.id().value(), b.id().value());
		})));
		return grouped;
	}

}
