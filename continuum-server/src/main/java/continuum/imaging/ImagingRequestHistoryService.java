package continuum.imaging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditOutcome;
import continuum.audit.AuditService;
import continuum.patients.HistoryPage;
import continuum.patients.HistoryQuery;
import continuum.patients.PatientId;
import continuum.security.AccessControl;
import continuum.security.Interaction;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The kept versions of radiology's ServiceRequests (a requested procedure with its order
 * and steps, {@code imaging_request_version}), for FHIR vread and {@code _history}. A
 * request's history and a version are audited as a read of it after the same access check
 * as a read (restricted records included); a type's history as a search with a row per
 * patient shown, leaving out the restricted records the caller may not open.
 */
@Service
public class ImagingRequestHistoryService {

	private static final String SERVICE_REQUEST = ImagingOrderService.SERVICE_REQUEST;

	private final ImagingOrderRepository orders;

	private final AccessControl access;

	private final AuditService audit;

	ImagingRequestHistoryService(ImagingOrderRepository orders, AccessControl access, AuditService audit) {
		this.orders = orders;
		this.access = access;
		this.audit = audit;
	}

	/** A request version named by procedure, number and time, for a type's history. */
	public record VersionKey(long procedure, int version, PatientId patient, Instant at) {
	}

	@Transactional
	public ImagingRequest version(long procedure, int version) {
		String id = ImagingRequest.PREFIX + procedure;
		access.require(SERVICE_REQUEST, Interaction.READ, id, null);
		ImagingRequest found = orders.requestVersion(procedure, version)
			.orElseThrow(() -> new ImagingOrderNotFoundException(
					"No version " + version + " of imaging request " + id + " is kept"));
		String patient = found.order().patient().asString();
		access.require(SERVICE_REQUEST, Interaction.READ, id, patient);
		audit.record(AuditEntry.success(AuditAction.READ, SERVICE_REQUEST, id, patient));
		return found;
	}

	/** The kept versions of one request, newest first. */
	@Transactional
	public HistoryPage<ImagingRequest> history(long procedure, HistoryQuery query) {
		String id = ImagingRequest.PREFIX + procedure;
		access.require(SERVICE_REQUEST, Interaction.READ, id, null);
		List<ImagingOrderRepository.RequestVersion> newest = orders.requestVersions(procedure, null, Set.of(), 1, 0);
		if (newest.isEmpty()) {
			throw new ImagingOrderNotFoundException("No imaging request " + id);
		}
		String patient = newest.get(0).patient().asString();
		access.require(SERVICE_REQUEST, Interaction.READ, id, patient);
		List<ImagingOrderRepository.RequestVersion> keys = orders.requestVersions(procedure, query.since(), Set.of(),
				query.limit(), query.offset());
		int total = total(keys.size(), query, () -> orders.countRequestVersions(procedure, query.since(), Set.of()));
		audit.record(new AuditEntry(AuditAction.READ, SERVICE_REQUEST, id, patient, AuditOutcome.SUCCESS,
				"history: " + keys.size() + " of " + total + " versions"));
		return new HistoryPage<>(keys.stream().map(k -> load(k.procedure(), k.version())).toList(), total);
	}

	/**
	 * The newest {@code limit} request versions written at or after {@code since}, of the
	 * patients the caller may open, without their content: what a type's history merged
	 * with other sources' picks from. Not audited (nothing shown yet).
	 */
	@Transactional(readOnly = true)
	public HistoryPage<VersionKey> versionKeys(@Nullable Instant since, int limit) {
		access.require(SERVICE_REQUEST, Interaction.SEARCH, null, null);
		Set<Long> hidden = access.hiddenPatients();
		List<VersionKey> keys = orders.requestVersions(null, since, hidden, limit, 0)
			.stream()
			.map(k -> new VersionKey(k.procedure(), k.version(), k.patient(), k.at()))
			.toList();
		int total = keys.size() < limit ? keys.size() : orders.countRequestVersions(null, since, hidden);
		return new HistoryPage<>(keys, total);
	}

	/**
	 * The chosen versions (from {@link #versionKeys}) as they stood, in the order given;
	 * audited as a type's history of {@code total} versions.
	 */
	@Transactional
	public List<ImagingRequest> versions(List<VersionKey> chosen, int total) {
		access.require(SERVICE_REQUEST, Interaction.SEARCH, null, null);
		List<AuditEntry> rows = new ArrayList<>();
		rows.add(new AuditEntry(AuditAction.SEARCH, SERVICE_REQUEST, null, null, AuditOutcome.SUCCESS,
				"history: " + chosen.size() + " of " + total + " versions"));
		Map<PatientId, Integer> perPatient = new LinkedHashMap<>();
		chosen.forEach(k -> perPatient.merge(k.patient(), 1, Integer::sum));
		perPatient.forEach((patient, count) -> rows.add(new AuditEntry(AuditAction.SEARCH, SERVICE_REQUEST, null,
				patient.asString(), AuditOutcome.SUCCESS, "history: " + count + " versions shown")));
		audit.recordAll(rows);
		return chosen.stream().map(k -> load(k.procedure(), k.version())).toList();
	}

	private ImagingRequest load(long procedure, int version) {
		return orders.requestVersion(procedure, version).orElseThrow();
	}

	/** The total without a count when the page shows the end of the history. */
	private static int total(int shown, HistoryQuery query, java.util.function.IntSupplier count) {
		return shown < query.limit() && (query.offset() == 0 || shown > 0) ? query.offset() + shown : count.getAsInt();
	}

}
