package continuum.imaging.dicomweb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditOutcome;
import continuum.audit.AuditService;
import continuum.security.AccessControl;
import continuum.security.Interaction;
import org.springframework.stereotype.Component;

/**
 * Who may use DICOMweb and the audit of what they saw: the role (and a token's scopes)
 * must allow the interaction on {@code ImagingStudy}; every search records itself and a
 * read of each study it showed, every retrieve a read (or, for whole objects, an export)
 * of the study, with the patient's id, so that "who saw this patient" includes images.
 */
@Component
class StudyAccess {

	static final String IMAGING_STUDY = "ImagingStudy";

	private final AccessControl access;

	private final AuditService audit;

	StudyAccess(AccessControl access, AuditService audit) {
		this.access = access;
		this.audit = audit;
	}

	void requireSearch() {
		access.require(IMAGING_STUDY, Interaction.SEARCH, null, null);
	}

	void requireRead(String studyUid) {
		access.require(IMAGING_STUDY, Interaction.READ, studyUid, null);
	}

	void requireStore() {
		access.require(IMAGING_STUDY, Interaction.CREATE, null, null);
	}

	/**
	 * Audits a search and one read per study shown (in the caller's transaction);
	 * {@code studies} maps Study Instance UID to patient id.
	 */
	void searched(String what, Map<String, Long> studies) {
		List<AuditEntry> entries = new ArrayList<>();
		entries.add(new AuditEntry(AuditAction.SEARCH, IMAGING_STUDY, null, null, AuditOutcome.SUCCESS, what));
		studies.forEach((uid, patient) -> entries.add(new AuditEntry(AuditAction.READ, IMAGING_STUDY, uid,
				Long.toString(patient), AuditOutcome.SUCCESS, what)));
		audit.recordAll(entries);
	}

	/**
	 * Audits a retrieve before any byte of it leaves the server; {@code what} names the
	 * resource (no patient data).
	 */
	void retrieved(AuditAction action, String studyUid, long patientId, String what) {
		audit.recordRead(
				new AuditEntry(action, IMAGING_STUDY, studyUid, Long.toString(patientId), AuditOutcome.SUCCESS, what));
	}

	static Map<String, Long> byStudy(List<QidoRepository.Row> rows) {
		Map<String, Long> studies = new LinkedHashMap<>();
		rows.forEach(r -> studies.put(r.studyUid(), r.patientId()));
		return studies;
	}

}
