package continuum.imaging.pacs;

import java.util.Optional;

import continuum.patients.PatientId;
import continuum.patients.PatientService;
import org.springframework.stereotype.Component;

/**
 * Matches a new study to the RIS and the patient register (IHE SWF.b, RAD-8 "Modality
 * Images Stored" acceptance): the Accession Number names a requested procedure and so its
 * patient, the Patient ID is looked up as an MRN through the patients module; they must
 * agree. Without an accession number a known MRN suffices. Ids only, so not audited here:
 * the ingest's own audit entry names the patient.
 */
@Component
class Reconciler {

	private final PacsIndexRepository index;

	private final PatientService patients;

	Reconciler(PacsIndexRepository index, PatientService patients) {
		this.index = index;
		this.patients = patients;
	}

	Reconciliation reconcile(IndexedObject object) {
		Optional<PatientId> patient = object.dicomPatientId().isEmpty() ? Optional.empty()
				: patients.idOfMrn(object.dicomPatientId());
		String accession = object.accessionNumber();
		if (accession == null) {
			return patient.map(id -> Reconciliation.reconciled(id.value(), null))
				.orElseGet(() -> Reconciliation.quarantined(QuarantineReason.UNKNOWN_PATIENT, null,
						"no accession number; Patient ID is no MRN"));
		}
		Optional<long[]> procedure = index.requestedProcedure(accession);
		if (procedure.isEmpty()) {
			return Reconciliation.quarantined(QuarantineReason.UNKNOWN_ACCESSION, null,
					"no requested procedure has the accession number");
		}
		long procedureId = procedure.get()[0];
		long orderPatient = procedure.get()[1];
		if (patient.isEmpty()) {
			return Reconciliation.quarantined(QuarantineReason.UNKNOWN_PATIENT, procedureId,
					"Patient ID is no MRN; the order is for patient " + orderPatient);
		}
		if (patient.get().value() != orderPatient) {
			return Reconciliation.quarantined(QuarantineReason.PATIENT_MISMATCH, procedureId,
					"Patient ID is the MRN of patient " + patient.get().value() + ", the order is for patient "
							+ orderPatient);
		}
		return Reconciliation.reconciled(orderPatient, procedureId);
	}

}
