package continuum.scheduling;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import continuum.fhir.SearchControls;
import continuum.platform.ConflictException;
import continuum.platform.InvalidInputException;
import continuum.platform.VersionConflictException;
import continuum.security.AccessControl;
import continuum.security.Interaction;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Slots: find free ones (by resource or department, appointment type, date range and the
 * patient's earliest date), combine them for appointments that need several resources,
 * read and search them, add one by hand or block and unblock one. The free search is one
 * indexed statement (see {@code sched_slot_free_idx}).
 */
@Service
public class AvailabilityService {

	static final String SLOT = "Slot";

	private final SlotRepository slots;

	private final ScheduleRepository schedules;

	private final AccessControl access;

	private final SchedulingSettings settings;

	private final Clock clock;

	AvailabilityService(SlotRepository slots, ScheduleRepository schedules, AccessControl access,
			SchedulingSettings settings, Clock clock) {
		this.slots = slots;
		this.schedules = schedules;
		this.access = access;
		this.settings = settings;
		this.clock = clock;
	}

	/** One page of slots matching the query, in start order. */
	@Transactional(readOnly = true)
	public List<Slot> search(SlotQuery query, int limit, int offset) {
		access.require(SLOT, Interaction.SEARCH, null, null);
		return slots.search(query, effectiveFrom(query), Math.max(0, limit), Math.max(0, offset));
	}

	/** Free slots matching the query (whatever statuses it names), in start order. */
	@Transactional(readOnly = true)
	public List<Slot> findFree(SlotQuery query, int limit) {
		SlotQuery free = new SlotQuery(query.schedules(), query.department(), query.type(), Set.of(SlotStatus.FREE),
				query.from(), query.to(), query.earliest());
		return search(free, limit, 0);
	}

	@Transactional(readOnly = true)
	public int count(SlotQuery query) {
		access.require(SLOT, Interaction.SEARCH, null, null);
		return slots.count(query, effectiveFrom(query));
	}

	/**
	 * Times at which an appointment of the type can be booked in the department: for each
	 * start, one free slot per resource the type needs (the first by schedule id), ready
	 * to pass to {@link AppointmentService#book}. At most {@code limit} options.
	 */
	@Transactional(readOnly = true)
	public List<BookingOption> options(AppointmentType type, String department, Instant from, Instant to, int limit) {
		access.require(SLOT, Interaction.SEARCH, null, null);
		Map<ScheduleId, ActorKind> kinds = new LinkedHashMap<>();
		schedules.search(department, null, true, SearchControls.NONE, 10_000, 0)
			.forEach(s -> kinds.put(s.id(), s.actorKind()));
		List<BookingOption> options = new ArrayList<>();
		if (kinds.isEmpty()) {
			return options;
		}
		SlotQuery query = SlotQuery.free(from, to).withSchedules(kinds.keySet()).withType(type);
		int page = 500;
		for (int offset = 0; options.size() < limit; offset += page) {
			List<Slot> found = slots.search(query, effectiveFrom(query), page, offset);
			Map<Instant, Map<ActorKind, Slot>> byStart = new LinkedHashMap<>();
			for (Slot slot : found) {
				byStart.computeIfAbsent(slot.start(), s -> new EnumMap<>(ActorKind.class))
					.putIfAbsent(kinds.get(slot.schedule()), slot);
			}
			for (Map<ActorKind, Slot> atStart : byStart.values()) {
				if (atStart.keySet().equals(type.needs()) && options.size() < limit && options.stream()
					.noneMatch(o -> o.start().equals(atStart.values().iterator().next().start()))) {
					List<Slot> chosen = List.copyOf(atStart.values());
					options.add(new BookingOption(chosen.get(0).start(), chosen.get(0).end(), chosen));
				}
			}
			if (found.size() < page) {
				break;
			}
		}
		return options;
	}

	@Transactional(readOnly = true)
	public Slot get(SlotId id) {
		access.require(SLOT, Interaction.READ, id.asString(), null);
		return slots.find(id).orElseThrow(() -> new SlotNotFoundException(id));
	}

	/**
	 * Adds a slot by hand (an extra session), free or blocked, where the schedule has
	 * none.
	 */
	@Transactional
	public Slot add(ScheduleId schedule, AppointmentType type, Instant start, Instant end, SlotStatus status) {
		access.require(SLOT, Interaction.CREATE, null, null);
		if (status == SlotStatus.BUSY) {
			throw new InvalidInputException("A slot becomes busy by booking it, not by creating it busy");
		}
		if (!end.isAfter(start)) {
			throw new InvalidInputException("A slot ends after it starts");
		}
		schedules.lock(schedule).orElseThrow(() -> new InvalidInputException("No schedule with id " + schedule));
		if (slots.overlaps(schedule, start, end)) {
			throw new ConflictException(
					"Schedule " + schedule + " already has a slot overlapping " + start + "-" + end);
		}
		SlotId id = slots.insertOne(schedule, type, start.truncatedTo(ChronoUnit.MICROS),
				end.truncatedTo(ChronoUnit.MICROS), status, now());
		return slots.find(id).orElseThrow();
	}

	/**
	 * Blocks a free slot or frees a blocked one; a booked slot is changed by its
	 * appointment.
	 */
	@Transactional
	public Slot setBlocked(SlotId id, boolean blocked, @Nullable Integer expectedVersion) {
		access.require(SLOT, Interaction.UPDATE, id.asString(), null);
		Slot slot = slots.lock(List.of(id)).stream().findFirst().orElseThrow(() -> new SlotNotFoundException(id));
		if (expectedVersion != null && expectedVersion != slot.version()) {
			throw new VersionConflictException(
					"Slot " + id + " is at version " + slot.version() + ", not " + expectedVersion);
		}
		if (slot.status() == SlotStatus.BUSY) {
			throw new ConflictException("Slot " + id + " is booked; cancel or reschedule its appointment instead");
		}
		SlotStatus target = blocked ? SlotStatus.BLOCKED : SlotStatus.FREE;
		if (slot.status() != target) {
			slots.setStatus(List.of(id), target, false, now());
		}
		return slots.find(id).orElseThrow();
	}

	/** The later of the query's start and the start of the patient's earliest date. */
	private Instant effectiveFrom(SlotQuery query) {
		if (query.earliest() == null) {
			return query.from();
		}
		Instant earliest = query.earliest().atStartOfDay(settings.zone()).toInstant();
		return earliest.isAfter(query.from()) ? earliest : query.from();
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

}
