package continuum.scheduling;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditService;
import continuum.patients.PatientService;
import continuum.platform.InvalidInputException;
import continuum.security.AccessControl;
import continuum.security.Interaction;
import continuum.security.Role;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Takes slots for one appointment, inside the caller's transaction: locks them in id
 * order, checks that they fit together (one per resource the type needs, same time, same
 * type, bookable), and links them to the appointment. Two requests racing for a slot
 * serialize on its row lock and the loser sees it busy; should anything slip past, the
 * unique index on active bookings refuses the second one, and either way the loser gets
 * {@link SlotTakenException} and its transaction books nothing.
 */
@Component
class Booker {

	/** Who may book a slot that is already taken. */
	static final Set<Role> OVERBOOKING_ROLES = EnumSet.of(Role.SCHEDULER);

	private final SlotRepository slots;

	private final ScheduleRepository schedules;

	private final AppointmentRepository appointments;

	private final PatientService patients;

	private final AccessControl access;

	private final AuditService audit;

	Booker(SlotRepository slots, ScheduleRepository schedules, AppointmentRepository appointments,
			PatientService patients, AccessControl access, AuditService audit) {
		this.audit = audit;
		this.slots = slots;
		this.schedules = schedules;
		this.appointments = appointments;
		this.patients = patients;
		this.access = access;
	}

	AppointmentId book(BookingRequest request, @Nullable AppointmentId replaces, String by, Instant now) {
		if (!patients.exists(request.patient())) {
			throw new InvalidInputException("No patient with id " + request.patient());
		}
		if (request.overbook()) {
			requireOverbookingRight(request);
		}
		List<Slot> locked = slots.lock(request.slots());
		if (locked.size() != request.slots().size()) {
			Set<SlotId> found = locked.stream().map(Slot::id).collect(Collectors.toSet());
			throw new InvalidInputException("No slot with id " + request.slots()
				.stream()
				.filter(id -> !found.contains(id))
				.map(SlotId::asString)
				.collect(Collectors.joining(", ")));
		}
		Slot first = locked.get(0);
		checkFit(locked, first, now);
		List<SlotId> taken = locked.stream().filter(s -> s.status() == SlotStatus.BUSY).map(Slot::id).toList();
		if (!taken.isEmpty() && !request.overbook()) {
			throw new SlotTakenException(taken);
		}
		boolean overbooked = !taken.isEmpty();
		AppointmentId id = appointments.insert(request.patient(), first.type(), first.start(), first.end(), overbooked,
				request.comment(), by, replaces, now);
		try {
			appointments.book(id, locked, request.overbook());
		}
		catch (DuplicateKeyException ex) {
			throw new SlotTakenException(request.slots());
		}
		List<SlotId> free = locked.stream().filter(s -> s.status() == SlotStatus.FREE).map(Slot::id).toList();
		if (!free.isEmpty()) {
			slots.setStatus(free, SlotStatus.BUSY, false, now);
		}
		if (overbooked) {
			slots.setStatus(taken, SlotStatus.BUSY, true, now);
		}
		return id;
	}

	private void checkFit(List<Slot> locked, Slot first, Instant now) {
		Map<ScheduleId, Schedule> owners = new HashMap<>();
		for (Slot slot : locked) {
			owners.computeIfAbsent(slot.schedule(),
					id -> schedules.find(id).orElseThrow(() -> new ScheduleNotFoundException(id)));
		}
		List<String> problems = new ArrayList<>();
		for (Slot slot : locked) {
			if (slot.status() == SlotStatus.BLOCKED) {
				problems.add("slot " + slot.id() + " is not bookable (busy-unavailable)");
			}
			if (slot.type() != first.type()) {
				problems.add("slot " + slot.id() + " is for " + slot.type().code() + ", slot " + first.id() + " for "
						+ first.type().code());
			}
			if (!slot.start().equals(first.start()) || !slot.end().equals(first.end())) {
				problems.add("slot " + slot.id() + " is not at the same time as slot " + first.id());
			}
			if (!slot.start().isAfter(now)) {
				problems.add("slot " + slot.id() + " has already begun");
			}
			if (!owners.get(slot.schedule()).active()) {
				problems.add("schedule " + slot.schedule() + " of slot " + slot.id() + " is closed");
			}
		}
		Map<ActorKind, Long> kinds = owners.values()
			.stream()
			.collect(Collectors.groupingBy(Schedule::actorKind, Collectors.counting()));
		Set<ScheduleId> distinct = new HashSet<>(locked.stream().map(Slot::schedule).toList());
		if (distinct.size() != locked.size()) {
			problems.add("two slots belong to the same schedule");
		}
		else if (!kinds.keySet().equals(first.type().needs()) || kinds.values().stream().anyMatch(n -> n > 1)) {
			problems.add("a " + first.type().code() + " appointment needs one slot of each of "
					+ first.type().needs().stream().map(k -> k.fhirType()).sorted().collect(Collectors.joining(", "))
					+ ", not of "
					+ kinds.keySet().stream().map(ActorKind::fhirType).sorted().collect(Collectors.joining(", ")));
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException("Cannot book: " + String.join("; ", problems));
		}
	}

	/** Overbooking is a right of its own; a refusal is audited like any other. */
	private void requireOverbookingRight(BookingRequest request) {
		Role role = access.currentRole();
		boolean internal = role == null && access.allows("Appointment", Interaction.CREATE);
		if (!internal && (role == null || !OVERBOOKING_ROLES.contains(role))) {
			audit.recordDenial(AuditEntry.denied(AuditAction.CREATE, "Appointment", null, request.patient().asString(),
					"role may not overbook"));
			throw new AccessDeniedException("Not allowed to overbook in this role");
		}
	}

}
