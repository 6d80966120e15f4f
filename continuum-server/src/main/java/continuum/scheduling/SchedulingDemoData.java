package continuum.scheduling;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import continuum.changes.ChangeFeed;
import continuum.changes.ChangeOperation;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.platform.DemoDataContributor;
import continuum.security.Role;
import continuum.security.StaffMember;
import continuum.security.StaffService;
import org.springframework.stereotype.Component;

/**
 * The demo hospital's outpatient calendar: consultation clinics (the demo physicians and
 * their rooms), radiology (two CTs, two MRIs, two ultrasound rooms, with radiographer
 * schedules), and three lab sampling points — 21 schedules with weekly templates, slots
 * from two weeks ago to the horizon, and appointments for the demo patients filling most
 * of the coming weeks and a quarter of the third month; past ones fulfilled, a few missed
 * or cancelled. Deterministic from the demo seed; written in bulk, each appointment in
 * the change feed.
 */
@Component
class SchedulingDemoData implements DemoDataContributor {

	private static final String[] CANCEL_REASONS = { "Patiënt belde af", "Annulé par le patient", "Ziekte",
			"Arts afwezig" };

	private final ScheduleService schedules;

	private final AvailabilityService availability;

	private final DemoAppointments demo;

	private final PatientService patients;

	private final StaffService staff;

	private final ChangeFeed changes;

	private final SchedulingSettings settings;

	private final Clock clock;

	SchedulingDemoData(ScheduleService schedules, AvailabilityService availability, DemoAppointments demo,
			PatientService patients, StaffService staff, ChangeFeed changes, SchedulingSettings settings, Clock clock) {
		this.schedules = schedules;
		this.availability = availability;
		this.demo = demo;
		this.patients = patients;
		this.staff = staff;
		this.changes = changes;
		this.settings = settings;
		this.clock = clock;
	}

	@Override
	public String name() {
		return "scheduling";
	}

	@Override
	public int order() {
		return 50;
	}

	@Override
	public void seed(DemoSize size) {
		Map<String, Long> staffIds = new LinkedHashMap<>();
		for (Role role : List.of(Role.PHYSICIAN, Role.RADIOGRAPHER)) {
			for (StaffMember member : staff.search(null, role, 100, 0)) {
				staffIds.put(member.username(), member.id());
			}
		}
		List<Schedule> opened = new ArrayList<>();
		String[][] clinics = { { "Cardiology", "physician", "C1" }, { "Cardiology", "physician2", "C2" },
				{ "Internal medicine", "physician3", "I1" }, { "Neurology", "physician4", "N1" } };
		for (String[] clinic : clinics) {
			String practitioner = staffIds.containsKey(clinic[1]) ? "Practitioner/" + staffIds.get(clinic[1])
					: "Practitioner/" + clinic[1];
			opened.add(open("Dr. " + clinic[1] + " — " + clinic[0], ActorKind.PRACTITIONER, practitioner, clinic[0],
					clinic(true)));
			opened.add(open("Consultation room " + clinic[2], ActorKind.LOCATION,
					"Location/opd-" + clinic[2].toLowerCase(), clinic[0], clinic(false)));
		}
		String radiographer = staffIds.containsKey("radiographer") ? "Practitioner/" + staffIds.get("radiographer")
				: "Practitioner/radiographer";
		String[][] devices = { { "CT 1", "ct-1", "CT" }, { "CT 2", "ct-2", "CT" }, { "MRI 1", "mri-1", "MRI" },
				{ "MRI 2", "mri-2", "MRI" } };
		for (int i = 0; i < devices.length; i++) {
			AppointmentType type = AppointmentType.valueOf(devices[i][2]);
			LocalTime closes = type == AppointmentType.CT ? LocalTime.of(17, 0) : LocalTime.of(18, 0);
			List<TemplateLine> week = weekdays(LocalTime.of(8, 0), closes, type);
			opened.add(open(devices[i][0], ActorKind.DEVICE, "Device/" + devices[i][1], "Radiology", week));
			String who = i == 0 ? radiographer : "Practitioner/radiographer-pool-" + (i + 1);
			opened.add(open("Radiographer — " + devices[i][0], ActorKind.PRACTITIONER, who, "Radiology", week));
		}
		for (int i = 1; i <= 2; i++) {
			opened.add(open("Ultrasound " + i, ActorKind.DEVICE, "Device/us-" + i, "Radiology",
					weekdays(LocalTime.of(8, 30), LocalTime.of(16, 30), AppointmentType.ULTRASOUND)));
		}
		for (int i = 1; i <= 3; i++) {
			List<TemplateLine> week = new ArrayList<>(
					weekdays(LocalTime.of(7, 30), LocalTime.of(12, 0), AppointmentType.BLOOD_SAMPLING));
			if (i == 1) {
				week.add(TemplateLine.of(DayOfWeek.SATURDAY, LocalTime.of(8, 0), LocalTime.of(11, 0),
						AppointmentType.BLOOD_SAMPLING));
			}
			opened.add(open("Lab sampling point " + i, ActorKind.LOCATION, "Location/lab-sp-" + i, "Laboratory", week));
		}
		for (int i = 1; opened.size() < settings.demoResources(); i++) {
			opened.add(extra(i));
		}
		LocalDate today = LocalDate.ofInstant(clock.instant(), settings.zone());
		for (Schedule schedule : opened) {
			schedules.generate(schedule.id(), today.minusDays(14), today);
		}
		book(opened, today, size);
	}

	private void book(List<Schedule> opened, LocalDate today, DemoSize size) {
		Random random = new Random(size.randomSeed() * 31 + 50);
		List<PatientId> ids = patients.idsForDemo(size.patients());
		if (ids.isEmpty()) {
			return;
		}
		Map<ScheduleId, Schedule> byId = new LinkedHashMap<>();
		opened.forEach(s -> byId.put(s.id(), s));
		Instant from = today.minusDays(14).atStartOfDay(settings.zone()).toInstant();
		Instant to = today.plusDays(settings.horizonDays()).atStartOfDay(settings.zone()).toInstant();
		List<Slot> free = availability.search(SlotQuery.free(from, to).withSchedules(byId.keySet()), 1_000_000, 0);
		// Options: per department, type and start, pair the n-th free slot of each kind.
		Map<String, Map<ActorKind, List<Slot>>> groups = new TreeMap<>();
		for (Slot slot : free) {
			Schedule owner = byId.get(slot.schedule());
			String key = slot.start() + "|" + owner.department() + "|" + slot.type();
			groups.computeIfAbsent(key, k -> new EnumMap<>(ActorKind.class))
				.computeIfAbsent(owner.actorKind(), k -> new ArrayList<>())
				.add(slot);
		}
		Instant now = clock.instant();
		List<List<Slot>> chosen = new ArrayList<>();
		for (Map<ActorKind, List<Slot>> group : groups.values()) {
			AppointmentType type = group.values().iterator().next().get(0).type();
			if (!group.keySet().equals(type.needs())) {
				continue;
			}
			int options = group.values().stream().mapToInt(List::size).min().orElse(0);
			for (int i = 0; i < options; i++) {
				List<Slot> slots = new ArrayList<>();
				for (ActorKind kind : type.needs()) {
					slots.add(group.get(kind).get(i));
				}
				if (random.nextDouble() < fill(Duration.between(now, slots.get(0).start()).toDays())) {
					chosen.add(slots);
				}
			}
		}
		// At most six appointments per patient in the period, drawn evenly over it: the
		// 300-patient test hospital gets 1,800 and seeds fast; a large population fills
		// the calendar to the rates above.
		int cap = Math.max(50, ids.size() * 6);
		if (chosen.size() > cap) {
			Collections.shuffle(chosen, random);
			chosen = new ArrayList<>(chosen.subList(0, cap));
			chosen.sort(Comparator.comparing((List<Slot> slots) -> slots.get(0).start()));
		}
		List<DemoAppointments.Planned> planned = new ArrayList<>();
		for (List<Slot> slots : chosen) {
			planned.add(plan(ids.get(random.nextInt(ids.size())), slots.get(0).type(), slots, now, random));
		}
		List<AppointmentId> created = demo.insert(planned, now);
		for (int i = 0; i < created.size(); i++) {
			changes.append(AppointmentService.APPOINTMENT, created.get(i).asString(),
					planned.get(i).patient().asString(), ChangeOperation.CREATE);
		}
	}

	private static DemoAppointments.Planned plan(PatientId patient, AppointmentType type, List<Slot> slots, Instant now,
			Random random) {
		Instant start = slots.get(0).start();
		int roll = random.nextInt(100);
		AppointmentStatus status;
		if (start.isBefore(now)) {
			status = roll < 85 ? AppointmentStatus.FULFILLED
					: roll < 92 ? AppointmentStatus.NOSHOW : AppointmentStatus.CANCELLED;
			if (status == AppointmentStatus.FULFILLED && start.isAfter(now.minus(Duration.ofMinutes(40)))) {
				status = AppointmentStatus.ARRIVED;
			}
		}
		else {
			status = roll < 95 ? AppointmentStatus.BOOKED : AppointmentStatus.CANCELLED;
		}
		Instant created = start.minus(Duration.ofDays(1 + random.nextInt(40)));
		if (created.isAfter(now)) {
			created = now.minus(Duration.ofDays(random.nextInt(3)));
		}
		String reason = status == AppointmentStatus.CANCELLED ? CANCEL_REASONS[random.nextInt(CANCEL_REASONS.length)]
				: null;
		return new DemoAppointments.Planned(patient, type, slots, status, created, reason);
	}

	/** The share of slots taken, by days from now: the near future is nearly full. */
	private static double fill(long days) {
		return days < 0 ? 0.75 : days < 14 ? 0.8 : days < 42 ? 0.55 : 0.25;
	}

	private Schedule open(String name, ActorKind kind, String actor, String department, List<TemplateLine> week) {
		Schedule schedule = schedules.create(new NewSchedule(name, kind, actor, department, null));
		return schedules.setTemplate(schedule.id(), week, null);
	}

	/**
	 * An outpatient resource beyond the standard set, bookable on its own: a sampling
	 * point, an ultrasound room or a follow-up clinic, in five outpatient departments.
	 */
	private Schedule extra(int n) {
		String department = "Outpatients " + ((n - 1) % 5 + 1);
		return switch (n % 3) {
			case 0 -> open("Extra sampling point " + n, ActorKind.LOCATION, "Location/extra-sp-" + n, department,
					weekdays(LocalTime.of(7, 30), LocalTime.of(12, 0), AppointmentType.BLOOD_SAMPLING));
			case 1 -> open("Extra ultrasound " + n, ActorKind.DEVICE, "Device/extra-us-" + n, department,
					weekdays(LocalTime.of(8, 30), LocalTime.of(16, 30), AppointmentType.ULTRASOUND));
			default -> open("Extra follow-up clinic " + n, ActorKind.PRACTITIONER, "Practitioner/extra-" + n,
					department, weekdays(LocalTime.of(8, 30), LocalTime.of(16, 30), AppointmentType.FOLLOW_UP));
		};
	}

	/** Consultations in the morning; physicians also see follow-ups on two afternoons. */
	private static List<TemplateLine> clinic(boolean physician) {
		List<TemplateLine> week = new ArrayList<>(
				weekdays(LocalTime.of(8, 30), LocalTime.of(12, 30), AppointmentType.CONSULTATION));
		if (physician) {
			for (DayOfWeek day : List.of(DayOfWeek.TUESDAY, DayOfWeek.THURSDAY)) {
				week.add(TemplateLine.of(day, LocalTime.of(13, 30), LocalTime.of(16, 30), AppointmentType.FOLLOW_UP));
			}
		}
		return week;
	}

	private static List<TemplateLine> weekdays(LocalTime opens, LocalTime closes, AppointmentType type) {
		List<TemplateLine> week = new ArrayList<>();
		for (DayOfWeek day : DayOfWeek.values()) {
			if (day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY) {
				week.add(TemplateLine.of(day, opens, closes, type));
			}
		}
		return week;
	}

}
