package continuum.scheduling.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import continuum.platform.InvalidInputException;
import continuum.scheduling.ActorKind;
import continuum.scheduling.AppointmentType;
import continuum.scheduling.AvailabilityService;
import continuum.scheduling.BookingOption;
import continuum.scheduling.Schedule;
import continuum.scheduling.ScheduleId;
import continuum.scheduling.Slot;
import continuum.scheduling.SlotQuery;

/**
 * Free times when the desk asks for one particular resource (this physician, that
 * scanner): each free slot of that resource, joined with a free slot at the same time of
 * each other kind of resource the type needs, from the same department.
 * {@link AvailabilityService#options} answers for a department as a whole and picks the
 * first resource of each kind, so it cannot answer this.
 */
final class ResourceOptions {

	private static final int MAX_SLOTS = 2000;

	private ResourceOptions() {
	}

	static List<BookingOption> find(AvailabilityService availability, List<Schedule> department, Schedule chosen,
			AppointmentType type, Instant from, Instant to, int limit) {
		if (!type.needs().contains(chosen.actorKind())) {
			throw new InvalidInputException(chosen.name() + " is a " + chosen.actorKind().fhirType() + "; a "
					+ type.display() + " needs "
					+ type.needs().stream().map(ActorKind::fhirType).sorted().collect(Collectors.joining(" and ")));
		}
		SlotQuery free = SlotQuery.free(from, to).withType(type);
		Map<ActorKind, Map<Instant, Slot>> others = new EnumMap<>(ActorKind.class);
		for (ActorKind kind : type.needs()) {
			if (kind == chosen.actorKind()) {
				continue;
			}
			Set<ScheduleId> ofKind = department.stream()
				.filter(s -> s.actorKind() == kind && s.active())
				.map(Schedule::id)
				.collect(Collectors.toSet());
			if (ofKind.isEmpty()) {
				return List.of();
			}
			Map<Instant, Slot> byStart = new HashMap<>();
			availability.findFree(free.withSchedules(ofKind), MAX_SLOTS)
				.forEach(s -> byStart.putIfAbsent(s.start(), s));
			others.put(kind, byStart);
		}
		List<BookingOption> options = new ArrayList<>();
		for (Slot slot : availability.findFree(free.withSchedules(Set.of(chosen.id())), MAX_SLOTS)) {
			Map<ActorKind, Slot> together = new LinkedHashMap<>();
			together.put(chosen.actorKind(), slot);
			for (Map.Entry<ActorKind, Map<Instant, Slot>> kind : others.entrySet()) {
				Slot other = kind.getValue().get(slot.start());
				if (other != null && other.end().equals(slot.end())) {
					together.put(kind.getKey(), other);
				}
			}
			if (together.size() == type.needs().size()) {
				options.add(new BookingOption(slot.start(), slot.end(), List.copyOf(together.values())));
				if (options.size() >= limit) {
					break;
				}
			}
		}
		return options;
	}

}
