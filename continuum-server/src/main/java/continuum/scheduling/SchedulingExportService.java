package continuum.scheduling;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditOutcome;
import continuum.audit.AuditService;
import continuum.security.AccessControl;
import continuum.security.Interaction;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Schedules, slots and appointments in bulk, for the initial load and the catch-up of
 * downtime nodes (continuity): keyset pages by id and records by id. Appointment reads
 * are audited once per call, as an export naming how many it gave out; schedules and
 * slots are no patient data.
 */
@Service
public class SchedulingExportService {

	private final ScheduleRepository schedules;

	private final SlotRepository slots;

	private final AppointmentRepository appointments;

	private final AccessControl access;

	private final AuditService audit;

	SchedulingExportService(ScheduleRepository schedules, SlotRepository slots, AppointmentRepository appointments,
			AccessControl access, AuditService audit) {
		this.schedules = schedules;
		this.slots = slots;
		this.appointments = appointments;
		this.access = access;
		this.audit = audit;
	}

	@Transactional(readOnly = true)
	public List<Schedule> schedulesAfter(long afterId, int limit) {
		access.require(ScheduleService.SCHEDULE, Interaction.SEARCH, null, null);
		return schedules.after(afterId, limit);
	}

	@Transactional(readOnly = true)
	public List<Schedule> schedules(Collection<Long> ids) {
		access.require(ScheduleService.SCHEDULE, Interaction.READ, null, null);
		return ids.isEmpty() ? List.of() : schedules.withIds(ids);
	}

	@Transactional(readOnly = true)
	public List<Slot> slotsAfter(long afterId, int limit) {
		access.require(SlotRepository.SLOT, Interaction.SEARCH, null, null);
		return slots.after(afterId, limit);
	}

	@Transactional(readOnly = true)
	public List<Slot> slots(Collection<Long> ids) {
		access.require(SlotRepository.SLOT, Interaction.READ, null, null);
		return ids.isEmpty() ? List.of() : slots.withIds(ids);
	}

	/** Up to {@code limit} appointments with an id above {@code afterId}, any status. */
	@Transactional
	public List<Appointment> appointmentsAfter(long afterId, int limit) {
		access.require(AppointmentService.APPOINTMENT, Interaction.SEARCH, null, null);
		return audited(withParticipants(appointments.after(afterId, limit)), "after id " + afterId);
	}

	@Transactional
	public List<Appointment> appointments(Collection<Long> ids) {
		access.require(AppointmentService.APPOINTMENT, Interaction.READ, null, null);
		return audited(ids.isEmpty() ? List.of() : withParticipants(appointments.withIds(ids)),
				"of " + ids.size() + " ids asked");
	}

	/**
	 * The appointments of these patients, any status: what a search by patient finds, for
	 * a FHIR bulk export (docs/fhir.md, "Bulk Data export"). Not audited here: the export
	 * records one EXPORT row per patient for the whole export, in the transaction of the
	 * page that reads them.
	 */
	@Transactional(readOnly = true)
	public List<Appointment> appointmentsForBulkExport(Collection<Long> patientIds) {
		access.require(AppointmentService.APPOINTMENT, Interaction.SEARCH, null, null);
		return patientIds.isEmpty() ? List.of() : withParticipants(appointments.ofPatients(patientIds));
	}

	private List<Appointment> withParticipants(List<AppointmentRepository.Row> rows) {
		Map<AppointmentId, List<Appointment.Participant>> participants = appointments
			.participants(rows.stream().map(AppointmentRepository.Row::id).toList());
		return rows.stream().map(row -> row.with(participants.getOrDefault(row.id(), List.of()))).toList();
	}

	private List<Appointment> audited(List<Appointment> found, String which) {
		audit.record(new AuditEntry(AuditAction.EXPORT, AppointmentService.APPOINTMENT, null, null,
				AuditOutcome.SUCCESS, "downtime export: " + found.size() + " records " + which));
		return found;
	}

}
