package continuum.imaging;

import java.util.List;
import java.util.Map;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditService;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.patients.PatientSummary;
import continuum.security.AccessControl;
import continuum.security.Interaction;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The radiologist's worklist of studies to read: requested procedures performed (or whose
 * images the PACS received) without a signed report, most urgent and oldest first. Only
 * for roles that write reports; each patient shown is audited as a read.
 */
@Service
public class ReadingService {

	/** The resource type studies are checked and audited as. */
	public static final String IMAGING_STUDY = "ImagingStudy";

	/** The most lines the worklist shows. */
	public static final int MAX_ITEMS = 500;

	private final ReadingRepository reading;

	private final PatientService patients;

	private final AccessControl access;

	private final AuditService audit;

	ReadingService(ReadingRepository reading, PatientService patients, AccessControl access, AuditService audit) {
		this.reading = reading;
		this.patients = patients;
		this.access = access;
		this.audit = audit;
	}

	/** The studies to read, of one modality or of all ({@code null}). */
	@Transactional
	public List<ReadingItem> worklist(@Nullable String modality) {
		access.require(IMAGING_STUDY, Interaction.SEARCH, null, null);
		access.require(ImagingReportService.DIAGNOSTIC_REPORT, Interaction.UPDATE, null, null);
		List<ReadingRepository.Row> rows = reading.toRead(modality == null || modality.isBlank() ? null : modality,
				MAX_ITEMS);
		Map<PatientId, PatientSummary> shown = patients
			.summaries(rows.stream().map(r -> r.procedure().patient()).toList());
		audit.record(AuditEntry.success(AuditAction.SEARCH, IMAGING_STUDY, null, null));
		return rows.stream()
			.filter(r -> shown.containsKey(r.procedure().patient()))
			.map(r -> new ReadingItem(r.procedure(), shown.get(r.procedure().patient()), r.since(), r.reportStatus()))
			.toList();
	}

	/** The modalities a worklist can be filtered by. */
	@Transactional(readOnly = true)
	public List<String> modalities() {
		return reading.modalities();
	}

}
