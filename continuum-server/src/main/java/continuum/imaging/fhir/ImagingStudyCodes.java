package continuum.imaging.fhir;

import continuum.imaging.ReportedProcedure;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;

/**
 * The code and identifier systems of radiology's resources: the imaging category of
 * ServiceRequest (SNOMED CT {@code 363679005}), the placer order number, DICOM UIDs as
 * {@code urn:oid:} values in {@code urn:dicom:uid} (FHIR R4 ImagingStudy), modalities in
 * DICOM's DCM code system, the accession number in our own URN with the v2-0203 type
 * {@code ACSN}, the radiology category of v2-0074 ({@code RAD}) and LOINC's radiology
 * part {@code LP29684-5}.
 */
final class ImagingStudyCodes {

	static final String DICOM_UID = "urn:dicom:uid";

	static final String OID_PREFIX = "urn:oid:";

	static final String DCM = "http://dicom.nema.org/resources/ontology/DCM";

	static final String ACCESSION_SYSTEM = "urn:continuum:imaging:accession";

	static final String IDENTIFIER_TYPE = "http://terminology.hl7.org/CodeSystem/v2-0203";

	static final String DIAGNOSTIC_SERVICE = "http://terminology.hl7.org/CodeSystem/v2-0074";

	static final String LOINC = "http://loinc.org";

	static final String RADIOLOGY_PART = "LP29684-5";

	static final String ENDPOINT_CONNECTION = "http://terminology.hl7.org/CodeSystem/endpoint-connection-type";

	static final String USERNAME_SYSTEM = "urn:continuum:username";

	static final String SNOMED = "http://snomed.info/sct";

	/** SNOMED CT "Imaging" (procedure): the category of radiology's ServiceRequests. */
	static final String IMAGING = "363679005";

	/**
	 * The placer order number (ORC-2) of an imaging order, within its placer application.
	 */
	static final String PLACER_SYSTEM = "urn:continuum:imaging:placer-number";

	/**
	 * The catalogue's own procedure codes (coding scheme 99…, a local scheme in DICOM).
	 */
	static final String LOCAL_PROCEDURES = "urn:continuum:imaging:procedure";

	private ImagingStudyCodes() {
	}

	static Identifier studyUid(String uid) {
		return new Identifier().setSystem(DICOM_UID).setValue(OID_PREFIX + uid);
	}

	static Identifier accession(String accession) {
		Identifier identifier = new Identifier().setSystem(ACCESSION_SYSTEM).setValue(accession);
		identifier.getType().addCoding(new Coding(IDENTIFIER_TYPE, "ACSN", "Accession ID"));
		return identifier;
	}

	/**
	 * The ordered procedure: its ServiceRequest ({@code img-<requested procedure id>}, as
	 * the RIS names it) with the accession number as identifier.
	 */
	static Reference basedOn(ReportedProcedure procedure) {
		return new Reference("ServiceRequest/img-" + procedure.id()).setType("ServiceRequest")
			.setIdentifier(accession(procedure.accessionNumber()));
	}

	static CodeableConcept procedureCode(ReportedProcedure procedure) {
		return new CodeableConcept(
				new Coding(system(procedure.codingScheme()), procedure.procedureCode(), procedure.procedureName()))
			.setText(procedure.procedureName());
	}

	static CodeableConcept radiology() {
		return new CodeableConcept().addCoding(new Coding(DIAGNOSTIC_SERVICE, "RAD", "Radiology"))
			.addCoding(new Coding(LOINC, RADIOLOGY_PART, "Radiology"));
	}

	static CodeableConcept imagingCategory() {
		return new CodeableConcept(new Coding(SNOMED, IMAGING, "Imaging"));
	}

	/** Whether a category is radiology's: SNOMED CT 363679005, or that code alone. */
	static boolean imaging(CodeableConcept category) {
		return category.getCoding().stream().anyMatch(c -> SNOMED.equals(c.getSystem()) && IMAGING.equals(c.getCode()));
	}

	static Coding modality(String code) {
		return new Coding(DCM, code, null);
	}

	static Reference staff(String username) {
		return new Reference().setIdentifier(new Identifier().setSystem(USERNAME_SYSTEM).setValue(username))
			.setDisplay(username);
	}

	/** The FHIR system of a DICOM coding scheme designator (PS3.16 §8). */
	static String system(String scheme) {
		return switch (scheme) {
			case "LN" -> LOINC;
			case "SCT" -> SNOMED;
			case "DCM" -> DCM;
			default -> LOCAL_PROCEDURES;
		};
	}

}
