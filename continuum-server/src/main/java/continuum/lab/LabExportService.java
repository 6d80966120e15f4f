package continuum.lab;

import java.util.Collection;
import java.util.List;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditOutcome;
import continuum.audit.AuditService;
import continuum.security.AccessControl;
import continuum.security.Interaction;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Released results in bulk, for the initial load and the catch-up of downtime nodes
 * (continuity): keyset pages by id, and results by id. Only released results leave the
 * laboratory; one taken back for correction is not listed until it is released again.
 * Each call checks the caller's access and is audited once, as an export naming how many
 * records it gave out (a page holds hundreds of patients' results).
 */
@Service
public class LabExportService {

	private final LabSearchRepository search;

	private final ResultRepository results;

	private final AccessControl access;

	private final AuditService audit;

	LabExportService(LabSearchRepository search, ResultRepository results, AccessControl access, AuditService audit) {
		this.search = search;
		this.results = results;
		this.access = access;
		this.audit = audit;
	}

	/** Up to {@code limit} released results with an id above {@code afterId}, by id. */
	@Transactional
	public List<LabResult> releasedAfter(long afterId, int limit) {
		access.require(ResultService.OBSERVATION, Interaction.SEARCH, null, null);
		return audited(results.findAll(search.releasedAfter(afterId, limit)), "after id " + afterId);
	}

	/** The released results among these ids, by id. */
	@Transactional
	public List<LabResult> released(Collection<Long> ids) {
		access.require(ResultService.OBSERVATION, Interaction.READ, null, null);
		return audited(ids.isEmpty() ? List.of() : results.findAll(search.released(ids)),
				"of " + ids.size() + " ids asked");
	}

	private List<LabResult> audited(List<LabResult> found, String which) {
		audit.record(new AuditEntry(AuditAction.EXPORT, ResultService.OBSERVATION, null, null, AuditOutcome.SUCCESS,
				"downtime export: " + found.size() + " records " + which));
		return found;
	}

}
