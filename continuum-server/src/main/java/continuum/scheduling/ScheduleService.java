package continuum.scheduling;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;

import continuum.changes.ChangeFeed;
import continuum.changes.ChangeOperation;
import continuum.fhir.SearchControls;
import continuum.platform.InvalidInputException;
import continuum.platform.VersionConflictException;
import continuum.security.AccessControl;
import continuum.security.CurrentUser;
import continuum.security.Interaction;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Schedules and their calendars: open and change schedules, set the weekly template, add
 * exceptions, and generate slots for the rolling horizon ({@link SlotHorizonJob} calls
 * {@link #extendHorizon} regularly; it can be called on demand). Schedules and slots are
 * no patient data, so reading them is not audited. Every change of a schedule goes to the
 * change feed, and every change of a slot too ({@link SlotRepository}), for the downtime
 * nodes.
 */
@Service
public class ScheduleService {

	static final String SCHEDULE = "Schedule";

	private final ScheduleRepository schedules;

	private final SlotRepository slots;

	private final AccessControl access;

	private final SchedulingSettings settings;

	private final Clock clock;

	private final CurrentUser currentUser;

	private final ChangeFeed changes;

	ScheduleService(ScheduleRepository schedules, SlotRepository slots, AccessControl access,
			SchedulingSettings settings, Clock clock, CurrentUser currentUser, ChangeFeed changes) {
		this.currentUser = currentUser;
		this.changes = changes;
		this.schedules = schedules;
		this.slots = slots;
		this.access = access;
		this.settings = settings;
		this.clock = clock;
	}

	@Transactional
	public Schedule create(NewSchedule schedule) {
		return create(schedule, PlanningHorizon.NONE);
	}

	/** Opens a schedule with the planning horizon its keeper states. */
	@Transactional
	public Schedule create(NewSchedule schedule, PlanningHorizon horizon) {
		access.require(SCHEDULE, Interaction.CREATE, null, null);
		ZoneId zone = schedule.zone() == null ? settings.zone() : schedule.zone();
		ScheduleId id = schedules.insert(schedule, zone, horizon, now());
		changes.append(SCHEDULE, id.asString(), null, ChangeOperation.CREATE);
		return load(id);
	}

	@Transactional(readOnly = true)
	public Schedule get(ScheduleId id) {
		access.require(SCHEDULE, Interaction.READ, id.asString(), null);
		return load(id);
	}

	/** Schedules in department and name order; each criterion that is set must match. */
	@Transactional(readOnly = true)
	public List<Schedule> search(@Nullable String department, @Nullable String actor, @Nullable Boolean active,
			int limit, int offset) {
		return search(department, actor, active, SearchControls.NONE, limit, offset);
	}

	/**
	 * Schedules matching the criteria and the parameters every FHIR type has
	 * ({@code _id}, {@code _lastUpdated}, {@code _sort}); in department and name order
	 * unless sorted otherwise.
	 */
	@Transactional(readOnly = true)
	public List<Schedule> search(@Nullable String department, @Nullable String actor, @Nullable Boolean active,
			SearchControls controls, int limit, int offset) {
		access.require(SCHEDULE, Interaction.SEARCH, null, null);
		return schedules.search(department, actor, active, controls, Math.max(0, limit), Math.max(0, offset));
	}

	@Transactional(readOnly = true)
	public int count(@Nullable String department, @Nullable String actor, @Nullable Boolean active) {
		return count(department, actor, active, SearchControls.NONE);
	}

	@Transactional(readOnly = true)
	public int count(@Nullable String department, @Nullable String actor, @Nullable Boolean active,
			SearchControls controls) {
		access.require(SCHEDULE, Interaction.SEARCH, null, null);
		return schedules.count(department, actor, active, controls);
	}

	/** Renames, moves to another department, closes or reopens a schedule. */
	@Transactional
	public Schedule update(ScheduleId id, String name, String department, boolean active,
			@Nullable Integer expectedVersion) {
		return update(id, name, department, active, null, expectedVersion);
	}

	/**
	 * Renames, moves, closes or reopens a schedule and states its planning horizon (null:
	 * the horizon stays as it is).
	 */
	@Transactional
	public Schedule update(ScheduleId id, String name, String department, boolean active,
			@Nullable PlanningHorizon horizon, @Nullable Integer expectedVersion) {
		access.require(SCHEDULE, Interaction.UPDATE, id.asString(), null);
		Schedule current = lockForChange(id, expectedVersion);
		NewSchedule checked = new NewSchedule(name, current.actorKind(), current.actorReference(), department,
				current.zone());
		schedules.update(id, checked.name(), checked.department(), active,
				horizon == null ? current.planningHorizon() : horizon, now());
		changes.append(SCHEDULE, id.asString(), null, ChangeOperation.UPDATE);
		return load(id);
	}

	@Transactional(readOnly = true)
	public List<TemplateLine> template(ScheduleId id) {
		access.require(SCHEDULE, Interaction.READ, id.asString(), null);
		load(id);
		return schedules.template(id);
	}

	/**
	 * Replaces the weekly template. Free, never-booked slots from now on are laid out
	 * anew up to the horizon; booked slots stay as they are.
	 */
	@Transactional
	public Schedule setTemplate(ScheduleId id, List<TemplateLine> lines, @Nullable Integer expectedVersion) {
		access.require(SCHEDULE, Interaction.UPDATE, id.asString(), null);
		Schedule schedule = lockForChange(id, expectedVersion);
		for (int i = 0; i < lines.size(); i++) {
			for (int j = i + 1; j < lines.size(); j++) {
				if (lines.get(i).overlaps(lines.get(j))) {
					throw new InvalidInputException("Template lines overlap on " + lines.get(i).weekday() + ": "
							+ lines.get(i).opens() + "-" + lines.get(i).closes() + " and " + lines.get(j).opens() + "-"
							+ lines.get(j).closes());
				}
			}
		}
		Instant now = now();
		schedules.replaceTemplate(id, lines);
		slots.deleteUnused(id, now);
		LocalDate today = LocalDate.ofInstant(now, schedule.zone());
		generate(schedule, today, horizonEnd(schedule.zone()), now);
		schedules.update(id, schedule.name(), schedule.department(), schedule.active(), schedule.planningHorizon(),
				now);
		changes.append(SCHEDULE, id.asString(), null, ChangeOperation.UPDATE);
		return load(id);
	}

	/**
	 * Makes the resource unavailable in {@code [start, end)}: free slots in the period
	 * are blocked now, slots generated later in it are generated blocked, and the booked
	 * appointments in it are listed for rescheduling (they are not cancelled).
	 */
	@Transactional
	public Unavailability addUnavailability(ScheduleId id, Instant start, Instant end, String reason) {
		access.require(SCHEDULE, Interaction.UPDATE, id.asString(), null);
		if (!end.isAfter(start)) {
			throw new InvalidInputException("An unavailability ends after it starts");
		}
		if (reason == null || reason.isBlank() || reason.length() > 200) {
			throw new InvalidInputException("An unavailability needs a reason of 1 to 200 characters");
		}
		lockForChange(id, null);
		Instant now = now();
		String by = currentUser.get().username();
		long exception = schedules.insertException(id, start, end, reason.strip(), by, now);
		int blocked = slots.blockFree(id, start, end, now);
		List<AppointmentId> affected = slots.bookedIn(id, start, end);
		return new Unavailability(exception, id, start, end, reason.strip(), by, now, blocked, affected);
	}

	/**
	 * Generates the slots of every active schedule up to the horizon
	 * ({@code continuum.scheduling.horizon-days} ahead); returns how many were added.
	 */
	@Transactional
	public int extendHorizon() {
		access.require(SCHEDULE, Interaction.UPDATE, null, null);
		Instant now = now();
		int added = 0;
		for (ScheduleId id : schedules.active()) {
			Schedule schedule = schedules.lock(id).orElseThrow(() -> new ScheduleNotFoundException(id));
			LocalDate today = LocalDate.ofInstant(now, schedule.zone());
			LocalDate from = schedule.generatedUntil() == null || schedule.generatedUntil().isBefore(today) ? today
					: schedule.generatedUntil();
			added += generate(schedule, from, horizonEnd(schedule.zone()), now);
		}
		return added;
	}

	/** Generates the schedule's slots for local dates {@code [from, until)}. */
	@Transactional
	public int generate(ScheduleId id, LocalDate from, LocalDate until) {
		access.require(SCHEDULE, Interaction.UPDATE, id.asString(), null);
		Schedule schedule = schedules.lock(id).orElseThrow(() -> new ScheduleNotFoundException(id));
		return generate(schedule, from, until, now());
	}

	private int generate(Schedule schedule, LocalDate from, LocalDate until, Instant now) {
		if (!until.isAfter(from)) {
			return 0;
		}
		Instant windowStart = from.atStartOfDay(schedule.zone()).toInstant();
		Instant windowEnd = until.atStartOfDay(schedule.zone()).toInstant();
		List<SlotGenerator.Planned> planned = SlotGenerator.generate(schedules.template(schedule.id()), schedule.zone(),
				from, until, schedules.closed(schedule.id(), windowStart, windowEnd));
		int added = slots.insert(schedule.id(), planned, now);
		if (schedule.generatedUntil() == null || until.isAfter(schedule.generatedUntil())) {
			schedules.generatedUntil(schedule.id(), until);
		}
		return added;
	}

	private LocalDate horizonEnd(ZoneId zone) {
		return LocalDate.ofInstant(clock.instant(), zone).plusDays(settings.horizonDays());
	}

	private Schedule lockForChange(ScheduleId id, @Nullable Integer expectedVersion) {
		Schedule schedule = schedules.lock(id).orElseThrow(() -> new ScheduleNotFoundException(id));
		if (expectedVersion != null && expectedVersion != schedule.version()) {
			throw new VersionConflictException(
					"Schedule " + id + " is at version " + schedule.version() + ", not " + expectedVersion);
		}
		return schedule;
	}

	private Schedule load(ScheduleId id) {
		return schedules.find(id).orElseThrow(() -> new ScheduleNotFoundException(id));
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

}
