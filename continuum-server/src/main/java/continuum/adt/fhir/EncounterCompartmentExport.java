package continuum.adt.fhir;

import java.util.List;

import continuum.adt.AdtExportService;
import continuum.fhir.PatientCompartmentExport;
import org.springframework.stereotype.Component;

/** Encounter for a FHIR bulk export: a page of patients' encounters in one query. */
@Component
class EncounterCompartmentExport implements PatientCompartmentExport {

	private final AdtExportService export;

	EncounterCompartmentExport(AdtExportService export) {
		this.export = export;
	}

	@Override
	public String resourceType() {
		return "Encounter";
	}

	@Override
	public void forPatients(List<Long> patientIds, String fhirBase, Sink sink) {
		export.encountersForBulkExport(patientIds)
			.forEach(encounter -> sink.accept(encounter.patient().value(), EncounterMapper.toFhir(encounter)));
	}

}
