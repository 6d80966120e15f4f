package continuum.scheduling.bulk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import continuum.scheduling.AppointmentType;
import continuum.scheduling.ScheduleId;
import continuum.scheduling.Slot;
import continuum.scheduling.SlotId;
import org.jspecify.annotations.Nullable;

/**
 * Finds, for one appointment after another, the earliest start at which every resource it
 * needs has a free slot of its type, and reserves those slots so that no later
 * appointment gets them. In memory over the free slots loaded once for a whole batch.
 * Each resource is taken from the appointment's own schedule when it can, else from an
 * equivalent one (same kind, same department), in the order given.
 * <p>
 * A start that could not serve a set of needs never can later (reservations only grow),
 * so a cursor per set of needs skips it: proposing n appointments costs about the number
 * of starts plus n, not their product.
 */
final class SlotPlanner {

	/**
	 * One resource an appointment needs: the schedules that may provide it, preferred
	 * first.
	 */
	record Need(List<ScheduleId> candidates) {

		Need {
			candidates = List.copyOf(candidates);
		}

	}

	/** The slots chosen for one appointment, all starting at {@code start}. */
	record Choice(Instant start, List<Slot> slots) {

		List<SlotId> slotIds() {
			return slots.stream().map(Slot::id).toList();
		}

	}

	private final Map<AppointmentType, TreeMap<Instant, Map<ScheduleId, Slot>>> free = new EnumMap<>(
			AppointmentType.class);

	private final Set<SlotId> reserved;

	private final Map<String, Instant> cursors = new HashMap<>();

	SlotPlanner(Collection<Slot> freeSlots, Set<SlotId> reserved) {
		this.reserved = new HashSet<>(reserved);
		for (Slot slot : freeSlots) {
			free.computeIfAbsent(slot.type(), t -> new TreeMap<>())
				.computeIfAbsent(slot.start(), s -> new LinkedHashMap<>())
				.put(slot.schedule(), slot);
		}
	}

	/**
	 * The earliest fitting slots at or after {@code notBefore}, now reserved; empty when
	 * none of the loaded slots fit.
	 */
	Optional<Choice> plan(AppointmentType type, List<Need> needs, Instant notBefore) {
		TreeMap<Instant, Map<ScheduleId, Slot>> byStart = free.get(type);
		if (byStart == null || needs.isEmpty()) {
			return Optional.empty();
		}
		String key = type + "|" + needs + "|" + notBefore;
		Instant from = cursors.getOrDefault(key, notBefore);
		for (Map.Entry<Instant, Map<ScheduleId, Slot>> atStart : byStart.tailMap(from, true).entrySet()) {
			List<Slot> chosen = pick(atStart.getValue(), needs);
			if (chosen != null) {
				cursors.put(key, atStart.getKey());
				chosen.forEach(slot -> reserved.add(slot.id()));
				return Optional.of(new Choice(atStart.getKey(), chosen));
			}
		}
		cursors.put(key, byStart.lastKey().plusNanos(1));
		return Optional.empty();
	}

	private @Nullable List<Slot> pick(Map<ScheduleId, Slot> atStart, List<Need> needs) {
		List<Slot> chosen = new ArrayList<>();
		Set<ScheduleId> used = new HashSet<>();
		for (Need need : needs) {
			Slot found = null;
			for (ScheduleId candidate : need.candidates()) {
				Slot slot = atStart.get(candidate);
				if (slot != null && !reserved.contains(slot.id()) && !used.contains(candidate)
						&& (chosen.isEmpty() || slot.end().equals(chosen.get(0).end()))) {
					found = slot;
					break;
				}
			}
			if (found == null) {
				return null;
			}
			chosen.add(found);
			used.add(found.schedule());
		}
		return chosen;
	}

}
