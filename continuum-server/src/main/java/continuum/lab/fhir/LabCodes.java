package continuum.lab.fhir;

import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;

/**
 * The code systems and identifier systems the laboratory's resources use. Our own
 * identifier systems are URNs, as the other modules' ({@code urn:continuum:mrn},
 * {@code urn:continuum:username}): they do not change with the address a client used to
 * reach the server.
 */
final class LabCodes {

	/** Placer order number of an order item (HL7 ORC-2). */
	static final String PLACER_SYSTEM = "urn:continuum:lab:placer-number";

	/** Filler order number of an order item (HL7 ORC-3), given at the first receipt. */
	static final String FILLER_SYSTEM = "urn:continuum:lab:filler-number";

	/** Placer group number of the whole order (HL7 ORC-4): ServiceRequest.requisition. */
	static final String REQUISITION_SYSTEM = "urn:continuum:lab:requisition";

	/** A specimen's accession number, its barcode (HL7 SPM-2). */
	static final String ACCESSION_SYSTEM = "urn:continuum:lab:accession";

	/** Staff usernames, as Practitioner resources carry them. */
	static final String USERNAME_SYSTEM = "urn:continuum:username";

	static final String IDENTIFIER_TYPE = "http://terminology.hl7.org/CodeSystem/v2-0203";

	static final String SPECIMEN_TYPE = "http://terminology.hl7.org/CodeSystem/v2-0487";

	static final String SPECIMEN_CONDITION = "http://terminology.hl7.org/CodeSystem/v2-0493";

	static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";

	static final String INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";

	static final String DIAGNOSTIC_SERVICE = "http://terminology.hl7.org/CodeSystem/v2-0074";

	static final String SNOMED = "http://snomed.info/sct";

	/** SNOMED CT 108252007, the category of a laboratory ServiceRequest. */
	static final String LABORATORY_PROCEDURE = "108252007";

	static final String UCUM = "http://unitsofmeasure.org";

	private LabCodes() {
	}

	/** A member of staff by username, as encounters name their practitioners. */
	static Reference staff(String username) {
		return new Reference().setIdentifier(new Identifier().setSystem(USERNAME_SYSTEM).setValue(username))
			.setDisplay(username);
	}

}
