package continuum.imaging.fhir;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;

import continuum.imaging.ImagingStudyRecord;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Endpoint;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.Reference;

/**
 * A PACS study as an R4 ImagingStudy: Study Instance UID and accession number as
 * identifiers, status {@code available}, the modalities, start (study date and time,
 * Brussels time), the counts, its series (and instances when read one by one), the
 * procedure ordered and the ServiceRequest by accession number, and a contained Endpoint
 * ({@code dicom-wado-rs}) at the server's DICOMweb base, from which a viewer retrieves
 * the images.
 */
final class ImagingStudyMapper {

	static final ZoneId ZONE = ZoneId.of("Europe/Brussels");

	private ImagingStudyMapper() {
	}

	/** {@code dicomWeb} is the DICOMweb base URL ({@code http://host/dicomweb}). */
	static ImagingStudy toFhir(ImagingStudyRecord source, String dicomWeb) {
		ImagingStudy study = new ImagingStudy();
		study.setId(new IdType("ImagingStudy", Long.toString(source.id())));
		study.getMeta().setLastUpdated(Date.from(source.updatedAt()));
		study.addIdentifier(ImagingStudyCodes.studyUid(source.studyInstanceUid()));
		if (source.accessionNumber() != null) {
			study.addIdentifier(ImagingStudyCodes.accession(source.accessionNumber()));
		}
		study.setStatus(ImagingStudy.ImagingStudyStatus.AVAILABLE);
		source.modalities().forEach(m -> study.addModality(ImagingStudyCodes.modality(m)));
		study.setSubject(new Reference("Patient/" + source.patient().asString()));
		if (source.studyDate() != null) {
			LocalTime time = source.studyTime() == null ? LocalTime.MIDNIGHT : source.studyTime();
			study.setStarted(Date.from(source.studyDate().atTime(time).atZone(ZONE).toInstant()));
		}
		if (source.procedure() != null) {
			study.addBasedOn(ImagingStudyCodes.basedOn(source.procedure()));
			study.addProcedureCode(ImagingStudyCodes.procedureCode(source.procedure()));
		}
		Endpoint endpoint = new Endpoint();
		endpoint.setId("wado");
		endpoint.setStatus(Endpoint.EndpointStatus.ACTIVE);
		endpoint.setConnectionType(new Coding(ImagingStudyCodes.ENDPOINT_CONNECTION, "dicom-wado-rs", "DICOM WADO-RS"));
		endpoint.addPayloadType(new CodeableConcept().setText("DICOM"));
		endpoint.addPayloadMimeType("application/dicom");
		endpoint.setAddress(dicomWeb);
		study.addContained(endpoint);
		study.addEndpoint(new Reference("#wado"));
		study.setNumberOfSeries(source.seriesCount());
		study.setNumberOfInstances(source.instanceCount());
		if (source.description() != null) {
			study.setDescription(source.description());
		}
		for (ImagingStudyRecord.Series s : source.series()) {
			ImagingStudy.ImagingStudySeriesComponent series = study.addSeries();
			series.setUid(s.seriesInstanceUid());
			if (s.number() != null) {
				series.setNumber(s.number());
			}
			series.setModality(ImagingStudyCodes.modality(s.modality() == null ? "OT" : s.modality()));
			if (s.description() != null) {
				series.setDescription(s.description());
			}
			series.setNumberOfInstances(s.instanceCount());
			for (ImagingStudyRecord.Instance i : s.instances()) {
				ImagingStudy.ImagingStudySeriesInstanceComponent instance = series.addInstance();
				instance.setUid(i.sopInstanceUid());
				instance
					.setSopClass(new Coding("urn:ietf:rfc:3986", ImagingStudyCodes.OID_PREFIX + i.sopClassUid(), null));
				if (i.number() != null) {
					instance.setNumber(i.number());
				}
			}
		}
		return study;
	}

}
