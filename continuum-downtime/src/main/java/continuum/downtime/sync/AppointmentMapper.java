package continuum.downtime.sync;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Appointment: the viewer shows today's and tomorrow's. */
@Component
class AppointmentMapper implements RecordMapper {

	@Override
	public String type() {
		return "Appointment";
	}

	@Override
	public String table() {
		return "appointment";
	}

	@Override
	public Map<String, @Nullable Object> columns(SyncRecord record) {
		return Columns.ofPatientLinked(record)
			.text(record, "status")
			.put("start_at", Json.instant(record.data(), "start"))
			.put("end_at", Json.instant(record.data(), "end"))
			.text(record, "scheduleId")
			.text(record, "scheduleName")
			.text(record, "appointmentType")
			.text(record, "description")
			.done();
	}

}
