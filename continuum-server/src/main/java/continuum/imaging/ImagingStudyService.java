package continuum.imaging;

import java.util.List;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditService;
import continuum.patients.PatientId;
import continuum.security.AccessControl;
import continuum.security.Interaction;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The studies the PACS holds for known patients, as FHIR ImagingStudy and the chart show
 * them: read by id or Study Instance UID, searched, and listed per patient. A quarantined
 * study, or one of an unknown patient, is not served. Every read is audited (a search as
 * one search per patient it shows).
 */
@Service
public class ImagingStudyService {

	/** The most studies one search page holds. */
	public static final int MAX_PAGE = 100;

	private final ImagingStudyRepository studies;

	private final AccessControl access;

	private final AuditService audit;

	ImagingStudyService(ImagingStudyRepository studies, AccessControl access, AuditService audit) {
		this.studies = studies;
		this.access = access;
		this.audit = audit;
	}

	/** A page of studies and how many match in all. */
	public record Page(List<ImagingStudyRecord> studies, int total) {
	}

	@Transactional
	public ImagingStudyRecord get(long id) {
		ImagingStudyRecord study = studies.find(id)
			.orElseThrow(() -> new ImagingStudyNotFoundException("No imaging study " + id));
		return audited(study);
	}

	@Transactional
	public ImagingStudyRecord ofUid(String studyInstanceUid) {
		ImagingStudyRecord study = studies.ofUid(studyInstanceUid)
			.orElseThrow(() -> new ImagingStudyNotFoundException("No imaging study with that Study Instance UID"));
		return audited(study);
	}

	/** The matches with their series and instances. */
	@Transactional
	public Page search(ImagingStudyQuery query) {
		access.require(ReadingService.IMAGING_STUDY, Interaction.SEARCH, null,
				query.patient() == null ? null : query.patient().asString());
		java.util.Set<Long> hidden = access.hiddenPatients();
		List<ImagingStudyRecord> page = studies.search(query, hidden, true);
		int total = query.offset() == 0 && page.size() < query.count() ? page.size() : studies.count(query, hidden);
		auditSearch(page);
		return new Page(page, total);
	}

	/**
	 * The imaging studies, with their series and instances, of these patients, one query
	 * per patient: what a search by patient finds, for a FHIR bulk export (docs/fhir.md,
	 * "Bulk Data export"). Not audited here: the export records one EXPORT row per
	 * patient for the whole export, in the transaction of the page that reads them.
	 */
	@Transactional(readOnly = true)
	public List<ImagingStudyRecord> forBulkExport(java.util.Collection<Long> patientIds) {
		access.require(ReadingService.IMAGING_STUDY, Interaction.SEARCH, null, null);
		java.util.Set<Long> hidden = access.hiddenPatients();
		List<ImagingStudyRecord> found = new java.util.ArrayList<>();
		for (Long patient : patientIds) {
			found.addAll(studies.search(new ImagingStudyQuery(new PatientId(patient), null, null, null, null, null,
					null, null, Integer.MAX_VALUE, 0), hidden, true));
		}
		return found;
	}

	/** The patient's studies, newest first, with their series (no instances). */
	@Transactional
	public List<ImagingStudyRecord> ofPatient(PatientId patient) {
		access.require(ReadingService.IMAGING_STUDY, Interaction.SEARCH, null, patient.asString());
		List<ImagingStudyRecord> found = studies.ofPatient(patient);
		audit.record(AuditEntry.success(AuditAction.SEARCH, ReadingService.IMAGING_STUDY, null, patient.asString()));
		return found;
	}

	private ImagingStudyRecord audited(ImagingStudyRecord study) {
		String id = Long.toString(study.id());
		access.require(ReadingService.IMAGING_STUDY, Interaction.READ, id, study.patient().asString());
		audit
			.record(AuditEntry.success(AuditAction.READ, ReadingService.IMAGING_STUDY, id, study.patient().asString()));
		return study;
	}

	private void auditSearch(List<ImagingStudyRecord> shown) {
		audit.recordAll(shown.stream()
			.map(s -> s.patient().asString())
			.distinct()
			.map(p -> AuditEntry.success(AuditAction.SEARCH, ReadingService.IMAGING_STUDY, null, p))
			.toList());
	}

}
