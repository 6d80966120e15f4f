package continuum.scheduling.bulk;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import continuum.scheduling.Appointment;
import continuum.scheduling.AppointmentId;
import continuum.scheduling.AppointmentQuery;
import continuum.scheduling.AppointmentService;
import continuum.scheduling.AppointmentStatus;
import continuum.scheduling.AppointmentType;
import continuum.scheduling.AvailabilityService;
import continuum.scheduling.Schedule;
import continuum.scheduling.ScheduleId;
import continuum.scheduling.ScheduleService;
import continuum.scheduling.Slot;
import continuum.scheduling.SlotQuery;
import continuum.scheduling.SlotStatus;
import org.springframework.stereotype.Component;

/**
 * Step one of a bulk rescheduling, inside the caller's transaction: selects the booked
 * appointments of the scope in start order (through {@link AppointmentService#search},
 * which audits per patient), and proposes for each the earliest slots of its type, from
 * its own resources or equivalent ones (same kind, same department, open), that no other
 * open proposal holds. Free slots are read once per run through
 * {@link AvailabilityService}, up to {@link #SEARCH_AHEAD} after the earliest allowed
 * start.
 */
@Component
class Proposer {

	/** How far after the earliest allowed start proposals are looked for. */
	static final Duration SEARCH_AHEAD = Duration.ofDays(120);

	/** The first, cheaper look: most batches fit in it. */
	static final Duration FIRST_LOOK = Duration.ofDays(14);

	private static final int PAGE = 1000;

	private final AppointmentService appointments;

	private final AvailabilityService availability;

	private final ScheduleService schedules;

	private final BulkRescheduleRepository repository;

	Proposer(AppointmentService appointments, AvailabilityService availability, ScheduleService schedules,
			BulkRescheduleRepository repository) {
		this.appointments = appointments;
		this.availability = availability;
		this.schedules = schedules;
		this.repository = repository;
	}

	/** The scope's booked appointments in the window that no open batch holds yet. */
	List<BulkRescheduleRepository.NewItem> select(RescheduleRequest request) {
		AppointmentQuery query = switch (request.scope()) {
			case RESOURCE -> AppointmentQuery.inWindow(request.schedule(), request.from(), request.to());
			case DEPARTMENT -> AppointmentQuery.inDepartment(request.department(), request.from(), request.to());
			case ALL -> AppointmentQuery.inWindow(null, request.from(), request.to());
		};
		query = query.withStatuses(EnumSet.of(AppointmentStatus.BOOKED));
		List<BulkRescheduleRepository.NewItem> selected = new ArrayList<>();
		for (int offset = 0;; offset += PAGE) {
			List<Appointment> page = appointments.search(query, PAGE, offset);
			Set<AppointmentId> taken = repository.inOpenItems(page.stream().map(Appointment::id).toList());
			for (Appointment appointment : page) {
				if (!taken.contains(appointment.id())) {
					selected.add(new BulkRescheduleRepository.NewItem(appointment.id(), appointment.patient(),
							appointment.type(), appointment.start(),
							appointment.participants().stream().map(Appointment.Participant::schedule).toList()));
				}
			}
			if (page.size() < PAGE) {
				return selected;
			}
		}
	}

	/**
	 * Proposes slots for the items, in the order given; answers how many got slots. Looks
	 * {@link #FIRST_LOOK} ahead first and only for the items that did not fit there up to
	 * {@link #SEARCH_AHEAD}: the same earliest fits (an item that found nothing in the
	 * first weeks never will, reservations only grow), without reading four months of
	 * free slots for a batch that needs two weeks.
	 */
	int propose(List<RescheduleItem> items, Instant notBefore, Instant now) {
		List<RescheduleItem> left = proposeWithin(items, notBefore, now, FIRST_LOOK);
		if (!left.isEmpty()) {
			left = proposeWithin(left, notBefore, now, SEARCH_AHEAD);
		}
		for (RescheduleItem item : left) {
			repository.close(item.id(), ItemState.NO_SLOT, "no-free-slot", now);
		}
		return items.size() - left.size();
	}

	/** A new proposal for one item whose slots were taken; empty when nothing fits. */
	Optional<SlotPlanner.Choice> proposeAgain(RescheduleItem item, Instant notBefore, Instant now) {
		Plan plan = plan(List.of(item), notBefore, now, SEARCH_AHEAD);
		return plan.planner.plan(item.type(), plan.needs(item), plan.from);
	}

	/** Proposes what fits within {@code ahead}; answers the items that did not fit. */
	private List<RescheduleItem> proposeWithin(List<RescheduleItem> items, Instant notBefore, Instant now,
			Duration ahead) {
		Plan plan = plan(items, notBefore, now, ahead);
		List<RescheduleItem> left = new ArrayList<>();
		for (RescheduleItem item : items) {
			Optional<SlotPlanner.Choice> choice = plan.planner.plan(item.type(), plan.needs(item), plan.from);
			if (choice.isPresent()) {
				repository.propose(item.id(), choice.get().slotIds(), choice.get().start(), null, now);
			}
			else {
				left.add(item);
			}
		}
		return left;
	}

	private Plan plan(List<RescheduleItem> items, Instant notBefore, Instant now, Duration ahead) {
		Map<ScheduleId, List<ScheduleId>> candidates = new HashMap<>();
		Map<String, List<Schedule>> departments = new HashMap<>();
		Set<AppointmentType> types = EnumSet.noneOf(AppointmentType.class);
		for (RescheduleItem item : items) {
			types.add(item.type());
			for (ScheduleId own : item.oldSchedules()) {
				candidates.computeIfAbsent(own, id -> equivalents(id, departments));
			}
		}
		Instant from = notBefore.isAfter(now) ? notBefore : now;
		Set<ScheduleId> all = new LinkedHashSet<>();
		candidates.values().forEach(all::addAll);
		List<Slot> free = new ArrayList<>();
		if (!all.isEmpty()) {
			SlotQuery query = new SlotQuery(all, null, types.size() == 1 ? types.iterator().next() : null,
					Set.of(SlotStatus.FREE), from, from.plus(ahead), null);
			for (int offset = 0;; offset += 5000) {
				List<Slot> page = availability.search(query, 5000, offset);
				free.addAll(page);
				if (page.size() < 5000) {
					break;
				}
			}
		}
		return new Plan(new SlotPlanner(free, repository.reservedSlots()), candidates, from);
	}

	/** The schedule itself if open, then the open ones of its kind in its department. */
	private List<ScheduleId> equivalents(ScheduleId own, Map<String, List<Schedule>> departments) {
		Schedule schedule = schedules.get(own);
		List<Schedule> peers = departments.computeIfAbsent(schedule.department(),
				d -> schedules.search(d, null, true, 10_000, 0));
		List<ScheduleId> result = new ArrayList<>();
		if (schedule.active()) {
			result.add(own);
		}
		peers.stream()
			.filter(s -> s.actorKind() == schedule.actorKind() && !s.id().equals(own))
			.sorted(Comparator.comparingLong(s -> s.id().value()))
			.forEach(s -> result.add(s.id()));
		return result;
	}

	private record Plan(SlotPlanner planner, Map<ScheduleId, List<ScheduleId>> candidates, Instant from) {

		List<SlotPlanner.Need> needs(RescheduleItem item) {
			return item.oldSchedules()
				.stream()
				.map(id -> new SlotPlanner.Need(candidates.getOrDefault(id, List.of())))
				.toList();
		}

	}

}
