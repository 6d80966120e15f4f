package continuum.scheduling.fhir;

import java.util.List;

import continuum.fhir.PatientCompartmentExport;
import continuum.scheduling.SchedulingExportService;
import org.springframework.stereotype.Component;

/** Appointment for a FHIR bulk export: a page of patients' appointments in one query. */
@Component
class AppointmentCompartmentExport implements PatientCompartmentExport {

	private final SchedulingExportService export;

	AppointmentCompartmentExport(SchedulingExportService export) {
		this.export = export;
	}

	@Override
	public String resourceType() {
		return "Appointment";
	}

	@Override
	public void forPatients(List<Long> patientIds, String fhirBase, Sink sink) {
		export.appointmentsForBulkExport(patientIds)
			.forEach(appointment -> sink.accept(appointment.patient().value(), SchedulingMapper.toFhir(appointment)));
	}

}
