package continuum.continuity.node;

import java.util.List;
import java.util.Set;

import continuum.patients.PatientExportService;
import continuum.patients.PatientId;
import continuum.scheduling.Appointment;
import continuum.scheduling.SchedulingExportService;
import org.springframework.stereotype.Component;

/**
 * Appointments of every status (a cancelled one is a fact a node shows). The schedule
 * named is the first resource the appointment holds; one of a patient merged away does
 * not hold (appointments stay filed under the duplicate).
 */
@Component
class AppointmentRecords extends IdRecords<Appointment> {

	private final SchedulingExportService scheduling;

	private final PatientExportService patients;

	AppointmentRecords(SchedulingExportService scheduling, PatientExportService patients) {
		this.scheduling = scheduling;
		this.patients = patients;
	}

	@Override
	public String type() {
		return "Appointment";
	}

	@Override
	List<Appointment> after(long afterId, int limit) {
		return scheduling.appointmentsAfter(afterId, limit);
	}

	@Override
	List<Appointment> withIds(List<Long> ids) {
		return scheduling.appointments(ids);
	}

	@Override
	long id(Appointment row) {
		return row.id().value();
	}

	@Override
	List<DowntimeRecord> records(List<Appointment> rows) {
		Set<PatientId> merged = patients.mergedAway(rows.stream().map(Appointment::patient).toList());
		return rows.stream().filter(a -> !merged.contains(a.patient())).map(this::record).toList();
	}

	@Override
	DowntimeRecord record(Appointment a) {
		Appointment.Participant first = a.participants().isEmpty() ? null : a.participants().get(0);
		return DowntimeRecord.of(type(), a.id().asString(), a.patient().asString(),
				RecordData.of("status", a.status().code(), "start", a.start(), "end", a.end(), "scheduleId",
						first == null ? null : first.schedule().asString(), "scheduleName",
						first == null ? null : first.actorName(), "appointmentType", a.type().code(), "description",
						a.comment()));
	}

}
