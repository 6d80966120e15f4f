package continuum.scheduling;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditService;
import continuum.changes.ChangeFeed;
import continuum.changes.ChangeOperation;
import continuum.patients.PatientId;
import continuum.platform.ConflictException;
import continuum.platform.InvalidInputException;
import continuum.platform.VersionConflictException;
import continuum.security.AccessControl;
import continuum.security.CurrentUser;
import continuum.security.Interaction;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Appointments: book, reschedule, cancel, check in, fulfil, no-show, read and search.
 * Every change is one transaction with its audit row (patient id), change-feed entry and
 * event; every read is audited per patient. Booking and cancelling need the right to
 * create appointments; check-in and the other status changes the right to update them.
 */
@Service
public class AppointmentService {

	static final String APPOINTMENT = "Appointment";

	private final AppointmentRepository appointments;

	private final SlotRepository slots;

	private final Booker booker;

	private final AccessControl access;

	private final AuditService audit;

	private final ChangeFeed changes;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final CurrentUser currentUser;

	AppointmentService(AppointmentRepository appointments, SlotRepository slots, Booker booker, AccessControl access,
			AuditService audit, ChangeFeed changes, ApplicationEventPublisher events, Clock clock,
			CurrentUser currentUser) {
		this.currentUser = currentUser;
		this.appointments = appointments;
		this.slots = slots;
		this.booker = booker;
		this.access = access;
		this.audit = audit;
		this.changes = changes;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Books the patient into the slots, all or nothing: a taken slot is a
	 * {@link SlotTakenException} (unless overbooking was asked for and is allowed), slots
	 * that do not fit together an {@link InvalidInputException}.
	 */
	@Transactional
	public Appointment book(BookingRequest request) {
		access.require(APPOINTMENT, Interaction.CREATE, null, request.patient().asString());
		Instant now = now();
		AppointmentId id = booker.book(request, null, currentUser.get().username(), now);
		Appointment booked = load(id);
		recordChange(AuditAction.CREATE, booked, ChangeOperation.CREATE);
		events.publishEvent(new AppointmentBooked(id, booked.patient(), booked.start()));
		return booked;
	}

	/**
	 * Moves an appointment to other slots in one transaction: the old one is cancelled
	 * with the reason and points to the new one, which points back. If the new slots
	 * cannot be booked, the old appointment stays as it was.
	 */
	@Transactional
	public Appointment reschedule(AppointmentId id, List<SlotId> newSlots, String reason) {
		return reschedule(id, newSlots, reason, RescheduleCause.ROUTINE);
	}

	/**
	 * As {@link #reschedule(AppointmentId, List, String)}, telling the patient why in the
	 * words of the {@code cause} (a technical outage is named as such).
	 */
	@Transactional
	public Appointment reschedule(AppointmentId id, List<SlotId> newSlots, String reason, RescheduleCause cause) {
		access.require(APPOINTMENT, Interaction.CREATE, id.asString(), null);
		AppointmentRepository.Row old = lockForChange(id, null);
		requireReason(reason);
		if (old.status() != AppointmentStatus.BOOKED) {
			throw new ConflictException("Appointment " + id + " is " + old.status().code()
					+ "; only a booked appointment can be rescheduled");
		}
		Instant now = now();
		String by = currentUser.get().username();
		List<SlotId> held = appointments.participants(List.of(id))
			.getOrDefault(id, List.of())
			.stream()
			.map(Appointment.Participant::slot)
			.toList();
		appointments.releaseBookings(id);
		slots.release(held, now);
		AppointmentId replacement = booker.book(new BookingRequest(old.patient(), newSlots, old.comment(), false), id,
				by, now);
		appointments.cancel(id, reason.strip(), by, replacement, now);
		Appointment cancelled = load(id);
		Appointment created = load(replacement);
		recordChange(AuditAction.UPDATE, cancelled, ChangeOperation.UPDATE);
		recordChange(AuditAction.CREATE, created, ChangeOperation.CREATE);
		events.publishEvent(new AppointmentRescheduled(id, replacement, old.patient(), created.start(), cause));
		return created;
	}

	/**
	 * Cancels a booked or arrived appointment, recording why and by whom; frees its
	 * slots.
	 */
	@Transactional
	public Appointment cancel(AppointmentId id, String reason, @Nullable Integer expectedVersion) {
		access.require(APPOINTMENT, Interaction.CREATE, id.asString(), null);
		AppointmentRepository.Row row = lockForChange(id, expectedVersion);
		requireReason(reason);
		requireTransition(row, AppointmentStatus.CANCELLED);
		Instant now = now();
		List<SlotId> held = appointments.participants(List.of(id))
			.getOrDefault(id, List.of())
			.stream()
			.map(Appointment.Participant::slot)
			.toList();
		appointments.releaseBookings(id);
		slots.release(held, now);
		appointments.cancel(id, reason.strip(), currentUser.get().username(), null, now);
		Appointment cancelled = load(id);
		recordChange(AuditAction.UPDATE, cancelled, ChangeOperation.UPDATE);
		events.publishEvent(new AppointmentCancelled(id, row.patient(), row.start()));
		return cancelled;
	}

	/** The patient has arrived (check-in). */
	@Transactional
	public Appointment checkIn(AppointmentId id, @Nullable Integer expectedVersion) {
		return changeStatus(id, AppointmentStatus.ARRIVED, expectedVersion);
	}

	/** The appointment took place. */
	@Transactional
	public Appointment fulfil(AppointmentId id, @Nullable Integer expectedVersion) {
		return changeStatus(id, AppointmentStatus.FULFILLED, expectedVersion);
	}

	/** The patient did not come; the slots stay used. */
	@Transactional
	public Appointment noShow(AppointmentId id, @Nullable Integer expectedVersion) {
		return changeStatus(id, AppointmentStatus.NOSHOW, expectedVersion);
	}

	/**
	 * Moves to arrived, fulfilled or no-show (cancelling has its own method, it needs a
	 * reason); an illegal move is a {@link ConflictException}.
	 */
	@Transactional
	public Appointment changeStatus(AppointmentId id, AppointmentStatus target, @Nullable Integer expectedVersion) {
		access.require(APPOINTMENT, Interaction.UPDATE, id.asString(), null);
		if (target == AppointmentStatus.CANCELLED || target == AppointmentStatus.BOOKED) {
			throw new InvalidInputException(
					"Use cancel (with a reason) or book; status " + target.code() + " is not set directly");
		}
		AppointmentRepository.Row row = lockForChange(id, expectedVersion);
		requireTransition(row, target);
		appointments.setStatus(id, target, now());
		Appointment changed = load(id);
		recordChange(AuditAction.UPDATE, changed, ChangeOperation.UPDATE);
		return changed;
	}

	@Transactional
	public Appointment get(AppointmentId id) {
		access.require(APPOINTMENT, Interaction.READ, id.asString(), null);
		Appointment appointment = load(id);
		audit
			.record(AuditEntry.success(AuditAction.READ, APPOINTMENT, id.asString(), appointment.patient().asString()));
		return appointment;
	}

	/** One version as it was written (FHIR vread). */
	@Transactional
	public Appointment version(AppointmentId id, int version) {
		access.require(APPOINTMENT, Interaction.READ, id.asString(), null);
		AppointmentRepository.Row row = appointments.version(id, version)
			.orElseThrow(() -> new AppointmentNotFoundException(id, version));
		audit.record(AuditEntry.success(AuditAction.READ, APPOINTMENT, id.asString(), row.patient().asString()));
		return row.with(appointments.participants(List.of(id)).getOrDefault(id, List.of()));
	}

	/** Every version, newest first (FHIR _history). */
	@Transactional
	public List<Appointment> history(AppointmentId id) {
		access.require(APPOINTMENT, Interaction.READ, id.asString(), null);
		List<AppointmentRepository.Row> rows = appointments.versions(id);
		if (rows.isEmpty()) {
			throw new AppointmentNotFoundException(id);
		}
		audit
			.record(AuditEntry.success(AuditAction.READ, APPOINTMENT, id.asString(), rows.get(0).patient().asString()));
		List<Appointment.Participant> participants = appointments.participants(List.of(id)).getOrDefault(id, List.of());
		return rows.stream().map(row -> row.with(participants)).toList();
	}

	/**
	 * One page of every appointment's versions written at or after {@code since} (FHIR
	 * type-level _history), newest first, without the restricted records the caller may
	 * not open; audited as a search of each patient shown.
	 */
	@Transactional
	public AppointmentHistory history(@Nullable Instant since, int limit, int offset) {
		access.require(APPOINTMENT, Interaction.SEARCH, null, null);
		Set<Long> hidden = access.hiddenPatients();
		List<AppointmentRepository.Row> rows = appointments.versions(since, hidden, Math.max(0, limit),
				Math.max(0, offset));
		int total = rows.size() < limit && (offset == 0 || !rows.isEmpty()) ? offset + rows.size()
				: appointments.countVersions(since, hidden);
		Set<PatientId> seen = new LinkedHashSet<>();
		rows.forEach(row -> seen.add(row.patient()));
		seen.forEach(p -> audit.record(AuditEntry.success(AuditAction.SEARCH, APPOINTMENT, null, p.asString())));
		Map<AppointmentId, List<Appointment.Participant>> participants = appointments
			.participants(rows.stream().map(AppointmentRepository.Row::id).distinct().toList());
		return new AppointmentHistory(
				rows.stream().map(row -> row.with(participants.getOrDefault(row.id(), List.of()))).toList(), total);
	}

	/**
	 * One page of matching appointments in start order; audited once per patient on the
	 * page. Restricted records the caller may not open are left out, here and in
	 * {@link #count}. The bulk rescheduler finds a window's appointments with
	 * {@link AppointmentQuery#inWindow} or {@link AppointmentQuery#inDepartment}.
	 */
	@Transactional
	public List<Appointment> search(AppointmentQuery query, int limit, int offset) {
		access.require(APPOINTMENT, Interaction.SEARCH, null,
				query.patient() == null ? null : query.patient().asString());
		List<AppointmentRepository.Row> rows = appointments.search(query, access.hiddenPatients(), Math.max(0, limit),
				Math.max(0, offset));
		Set<PatientId> seen = new LinkedHashSet<>();
		if (query.patient() != null) {
			seen.add(query.patient());
		}
		rows.forEach(row -> seen.add(row.patient()));
		audit.recordAll(seen.stream()
			.map(p -> AuditEntry.success(AuditAction.SEARCH, APPOINTMENT, null, p.asString()))
			.toList());
		Map<AppointmentId, List<Appointment.Participant>> participants = appointments
			.participants(rows.stream().map(AppointmentRepository.Row::id).toList());
		return rows.stream().map(row -> row.with(participants.getOrDefault(row.id(), List.of()))).toList();
	}

	/**
	 * Appointments starting in {@code [from, to)} whose patient is recorded as arrived
	 * (or seen) but whose arrival was first recorded at or after {@code recordedFrom}, in
	 * start order, at most {@code limit}; audited once per patient. The impact analysis
	 * of an outage asks for those recorded after the outage ended: the patients who came
	 * but could not be checked in.
	 */
	@Transactional
	public List<LateArrival> arrivalsRecordedFrom(Instant from, Instant to, Instant recordedFrom, int limit) {
		access.require(APPOINTMENT, Interaction.SEARCH, null, null);
		List<LateArrival> found = appointments.arrivalsRecordedFrom(from, to, recordedFrom, Math.max(0, limit));
		audit.recordAll(found.stream()
			.map(LateArrival::patient)
			.distinct()
			.map(p -> AuditEntry.success(AuditAction.SEARCH, APPOINTMENT, null, p.asString()))
			.toList());
		return found;
	}

	/** How many appointments match; a count only, so not audited. */
	@Transactional(readOnly = true)
	public int count(AppointmentQuery query) {
		access.require(APPOINTMENT, Interaction.SEARCH, null,
				query.patient() == null ? null : query.patient().asString());
		return appointments.count(query, access.hiddenPatients());
	}

	private AppointmentRepository.Row lockForChange(AppointmentId id, @Nullable Integer expectedVersion) {
		AppointmentRepository.Row row = appointments.lock(id).orElseThrow(() -> new AppointmentNotFoundException(id));
		if (expectedVersion != null && expectedVersion != row.version()) {
			throw new VersionConflictException(
					"Appointment " + id + " is at version " + row.version() + ", not " + expectedVersion);
		}
		return row;
	}

	private static void requireTransition(AppointmentRepository.Row row, AppointmentStatus target) {
		if (!row.status().next().contains(target)) {
			throw new ConflictException(
					"Appointment " + row.id() + " is " + row.status().code() + "; it cannot become " + target.code());
		}
	}

	private static void requireReason(@Nullable String reason) {
		if (reason == null || reason.isBlank() || reason.length() > 200) {
			throw new InvalidInputException("A cancellation needs a reason (cancelationReason) of 1 to 200 characters");
		}
	}

	private Appointment load(AppointmentId id) {
		AppointmentRepository.Row row = appointments.find(id).orElseThrow(() -> new AppointmentNotFoundException(id));
		return row.with(appointments.participants(List.of(id)).getOrDefault(id, List.of()));
	}

	private void recordChange(AuditAction action, Appointment appointment, ChangeOperation operation) {
		appointments.recordVersion(appointment.id());
		String patient = appointment.patient().asString();
		audit.record(AuditEntry.success(action, APPOINTMENT, appointment.id().asString(), patient));
		changes.append(APPOINTMENT, appointment.id().asString(), patient, operation);
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

}
