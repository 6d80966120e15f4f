package continuum.lab;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
import continuum.platform.GoneException;
import continuum.security.AccessControl;
import continuum.security.Interaction;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The past versions of the laboratory's FHIR resources (vread and {@code _history}): an
 * order item's (a ServiceRequest's) kept versions, which are its order's; and, to
 * everyone alike, a result's released versions (an entered or verified value never left
 * the laboratory, so it is no version of the Observation), and a report's versions, the
 * moments its released results changed. A resource's history and a version are audited as
 * a read of it after the same access check as a read (restricted records included); a
 * type's history as a search, with a row per patient shown, leaving out the restricted
 * records the caller may not open.
 */
@Service
public class LabHistoryService {

	private static final String OBSERVATION = ResultService.OBSERVATION;

	private static final String DIAGNOSTIC_REPORT = ResultService.DIAGNOSTIC_REPORT;

	private static final String SERVICE_REQUEST = LabOrderService.SERVICE_REQUEST;

	private final ResultRepository results;

	private final OrderRepository orders;

	private final LabCatalogue catalogue;

	private final AccessControl access;

	private final AuditService audit;

	LabHistoryService(ResultRepository results, OrderRepository orders, LabCatalogue catalogue, AccessControl access,
			AuditService audit) {
		this.results = results;
		this.orders = orders;
		this.catalogue = catalogue;
		this.access = access;
		this.audit = audit;
	}

	/**
	 * One version of a report as it stood: {@code report} is null when none of its
	 * results was released at that moment (the last one withdrawn for a correction).
	 */
	public record LabReportVersion(LabItemId item, int version, Instant at, @Nullable LabReport report) {
	}

	/** One released version of a result; not found if that version was never released. */
	@Transactional
	public LabResult resultVersion(ResultId id, int version) {
		access.require(OBSERVATION, Interaction.READ, id.asString(), null);
		LabResult found = results.releasedVersion(id, version)
			.orElseThrow(() -> new ResultNotFoundException(
					"No released version " + version + " of laboratory result " + id));
		access.require(OBSERVATION, Interaction.READ, id.asString(), found.patient().asString());
		audit.record(AuditEntry.success(AuditAction.READ, OBSERVATION, id.asString(), found.patient().asString()));
		return found;
	}

	/** The released versions of one result, newest first. */
	@Transactional
	public HistoryPage<LabResult> resultHistory(ResultId id, HistoryQuery query) {
		access.require(OBSERVATION, Interaction.READ, id.asString(), null);
		PatientId patient = results.find(id, false)
			.filter(r -> results.countReleasedVersions(id, null, Set.of()) > 0)
			.orElseThrow(() -> ResultService.notFound(id))
			.patient();
		access.require(OBSERVATION, Interaction.READ, id.asString(), patient.asString());
		List<LabResult> versions = results.releasedVersions(id, query.since(), Set.of(), query.limit(), query.offset());
		int total = total(versions.size(), query, () -> results.countReleasedVersions(id, query.since(), Set.of()));
		audit.record(new AuditEntry(AuditAction.READ, OBSERVATION, id.asString(), patient.asString(),
				AuditOutcome.SUCCESS, "history: " + versions.size() + " of " + total + " versions"));
		return new HistoryPage<>(versions, total);
	}

	/** The released versions of every result, of the patients the caller may open. */
	@Transactional
	public HistoryPage<LabResult> resultHistory(HistoryQuery query) {
		access.require(OBSERVATION, Interaction.SEARCH, null, null);
		Set<Long> hidden = access.hiddenPatients();
		List<LabResult> versions = results.releasedVersions(null, query.since(), hidden, query.limit(), query.offset());
		int total = total(versions.size(), query, () -> results.countReleasedVersions(null, query.since(), hidden));
		auditTypeHistory(OBSERVATION, versions.stream().map(LabResult::patient).toList(), total);
		return new HistoryPage<>(versions, total);
	}

	/**
	 * One version of an item's report; gone (410) if at that moment none of its results
	 * was released.
	 */
	@Transactional
	public LabReport reportVersion(LabItemId item, int version) {
		access.require(DIAGNOSTIC_REPORT, Interaction.READ, item.asString(), null);
		ResultRepository.ReportVersion key = results.reportVersions(item, null, Set.of(), Integer.MAX_VALUE, 0)
			.stream()
			.filter(v -> v.version() == version)
			.findFirst()
			.orElseThrow(() -> new ResultNotFoundException(
					"No version " + version + " of laboratory report " + item.asString()));
		access.require(DIAGNOSTIC_REPORT, Interaction.READ, item.asString(), key.patient().asString());
		audit
			.record(AuditEntry.success(AuditAction.READ, DIAGNOSTIC_REPORT, item.asString(), key.patient().asString()));
		LabReport report = rebuild(List.of(key)).get(0).report();
		if (report == null) {
			throw new GoneException("Version " + version + " of laboratory report " + item.asString()
					+ " had no released result (withdrawn for a correction)");
		}
		return report;
	}

	/** The versions of one item's report, newest first. */
	@Transactional
	public HistoryPage<LabReportVersion> reportHistory(LabItemId item, HistoryQuery query) {
		access.require(DIAGNOSTIC_REPORT, Interaction.READ, item.asString(), null);
		List<ResultRepository.ReportVersion> all = results.reportVersions(item, null, Set.of(), 1, 0);
		if (all.isEmpty()) {
			throw new ResultNotFoundException("No laboratory report with id " + item.asString());
		}
		PatientId patient = all.get(0).patient();
		access.require(DIAGNOSTIC_REPORT, Interaction.READ, item.asString(), patient.asString());
		List<ResultRepository.ReportVersion> keys = results.reportVersions(item, query.since(), Set.of(), query.limit(),
				query.offset());
		int total = total(keys.size(), query, () -> results.countReportVersions(item, query.since(), Set.of()));
		audit.record(new AuditEntry(AuditAction.READ, DIAGNOSTIC_REPORT, item.asString(), patient.asString(),
				AuditOutcome.SUCCESS, "history: " + keys.size() + " of " + total + " versions"));
		return new HistoryPage<>(rebuild(keys), total);
	}

	/**
	 * The newest {@code limit} versions of every report written at or after
	 * {@code since}, of the patients the caller may open, without their content: what a
	 * type's history merged with other sources' picks from. Not audited (nothing shown
	 * yet).
	 */
	@Transactional(readOnly = true)
	public HistoryPage<LabReportVersionKey> reportVersionKeys(@Nullable Instant since, int limit) {
		access.require(DIAGNOSTIC_REPORT, Interaction.SEARCH, null, null);
		Set<Long> hidden = access.hiddenPatients();
		List<LabReportVersionKey> keys = results.reportVersions(null, since, hidden, limit, 0)
			.stream()
			.map(k -> new LabReportVersionKey(k.item(), k.patient(), k.at(), k.version()))
			.toList();
		int total = keys.size() < limit ? keys.size() : results.countReportVersions(null, since, hidden);
		return new HistoryPage<>(keys, total);
	}

	/** A report version named by its item, time and number, for a type's history. */
	public record LabReportVersionKey(LabItemId item, PatientId patient, Instant at, int version) {
	}

	/**
	 * The chosen report versions (from {@link #reportVersionKeys}) with their content, in
	 * the order given; audited as a type's history of {@code total} versions.
	 */
	@Transactional
	public List<LabReportVersion> reportVersions(List<LabReportVersionKey> chosen, int total) {
		access.require(DIAGNOSTIC_REPORT, Interaction.SEARCH, null, null);
		auditTypeHistory(DIAGNOSTIC_REPORT, chosen.stream().map(LabReportVersionKey::patient).toList(), total);
		return rebuild(chosen.stream()
			.map(k -> new ResultRepository.ReportVersion(k.item(), k.patient(), k.at(), k.version()))
			.toList());
	}

	/**
	 * One kept version of an order item (a ServiceRequest): its order as it stood then.
	 */
	@Transactional
	public LabRequest requestVersion(LabItemId item, int version) {
		access.require(SERVICE_REQUEST, Interaction.READ, item.asString(), null);
		LabOrderId order = orders.idOfItem(item)
			.orElseThrow(() -> new LabOrderNotFoundException("No laboratory order item with id " + item));
		LabOrder then = orders.version(order, version)
			.filter(o -> o.items().stream().anyMatch(i -> i.id().equals(item)))
			.orElseThrow(() -> new LabOrderNotFoundException(
					"No version " + version + " of laboratory order item " + item + " is kept"));
		access.require(SERVICE_REQUEST, Interaction.READ, item.asString(), then.patient().asString());
		audit.record(AuditEntry.success(AuditAction.READ, SERVICE_REQUEST, item.asString(), then.patient().asString()));
		return new LabRequest(then, then.item(item));
	}

	/** The kept versions of one order item, newest first (its order's versions). */
	@Transactional
	public HistoryPage<LabRequest> requestHistory(LabItemId item, HistoryQuery query) {
		access.require(SERVICE_REQUEST, Interaction.READ, item.asString(), null);
		List<OrderRepository.ItemVersion> newest = orders.itemVersions(item, null, Set.of(), 1, 0);
		if (newest.isEmpty()) {
			throw new LabOrderNotFoundException("No laboratory order item with id " + item);
		}
		PatientId patient = newest.get(0).patient();
		access.require(SERVICE_REQUEST, Interaction.READ, item.asString(), patient.asString());
		List<OrderRepository.ItemVersion> keys = orders.itemVersions(item, query.since(), Set.of(), query.limit(),
				query.offset());
		int total = total(keys.size(), query, () -> orders.countItemVersions(item, query.since(), Set.of()));
		audit.record(new AuditEntry(AuditAction.READ, SERVICE_REQUEST, item.asString(), patient.asString(),
				AuditOutcome.SUCCESS, "history: " + keys.size() + " of " + total + " versions"));
		return new HistoryPage<>(requests(keys), total);
	}

	/**
	 * An order item version named by item, order version and time, for a type's history.
	 */
	public record LabRequestVersionKey(LabItemId item, LabOrderId order, int version, PatientId patient, Instant at) {
	}

	/**
	 * The newest {@code limit} order item versions written at or after {@code since}, of
	 * the patients the caller may open, without their content: what a type's history
	 * merged with other sources' picks from. Not audited (nothing shown yet).
	 */
	@Transactional(readOnly = true)
	public HistoryPage<LabRequestVersionKey> requestVersionKeys(@Nullable Instant since, int limit) {
		access.require(SERVICE_REQUEST, Interaction.SEARCH, null, null);
		Set<Long> hidden = access.hiddenPatients();
		List<LabRequestVersionKey> keys = orders.itemVersions(null, since, hidden, limit, 0)
			.stream()
			.map(k -> new LabRequestVersionKey(k.item(), k.order(), k.version(), k.patient(), k.at()))
			.toList();
		int total = keys.size() < limit ? keys.size() : orders.countItemVersions(null, since, hidden);
		return new HistoryPage<>(keys, total);
	}

	/**
	 * The chosen order item versions (from {@link #requestVersionKeys}) as they stood, in
	 * the order given; audited as a type's history of {@code total} versions.
	 */
	@Transactional
	public List<LabRequest> requestVersions(List<LabRequestVersionKey> chosen, int total) {
		access.require(SERVICE_REQUEST, Interaction.SEARCH, null, null);
		auditTypeHistory(SERVICE_REQUEST, chosen.stream().map(LabRequestVersionKey::patient).toList(), total);
		return requests(chosen.stream()
			.map(k -> new OrderRepository.ItemVersion(k.item(), k.order(), k.version(), k.patient(), k.at()))
			.toList());
	}

	private List<LabRequest> requests(List<OrderRepository.ItemVersion> keys) {
		Map<String, LabOrder> loaded = new HashMap<>();
		List<LabRequest> requests = new ArrayList<>(keys.size());
		for (OrderRepository.ItemVersion key : keys) {
			LabOrder then = loaded.computeIfAbsent(key.order().value() + "/" + key.version(),
					k -> orders.version(key.order(), key.version()).orElseThrow());
			requests.add(new LabRequest(then, then.item(key.item())));
		}
		return requests;
	}

	/**
	 * The reports as they stood at each version: for every result of the item, its last
	 * version written at or before that moment, if that one was released.
	 */
	private List<LabReportVersion> rebuild(List<ResultRepository.ReportVersion> keys) {
		Map<LabItemId, List<LabResult>> versionsByItem = new HashMap<>();
		results.versionsOfItems(keys.stream().map(ResultRepository.ReportVersion::item).distinct().toList())
			.forEach(v -> versionsByItem.computeIfAbsent(v.item(), i -> new ArrayList<>()).add(v));
		Map<LabItemId, Orderable> orderables = new HashMap<>();
		List<LabReportVersion> rebuilt = new ArrayList<>(keys.size());
		for (ResultRepository.ReportVersion key : keys) {
			Orderable orderable = orderables.computeIfAbsent(key.item(), this::orderableOf);
			Map<ResultId, LabResult> standing = new LinkedHashMap<>();
			for (LabResult version : versionsByItem.getOrDefault(key.item(), List.of())) {
				if (!version.updatedAt().isAfter(key.at())) {
					standing.put(version.id(), version);
				}
			}
			List<LabResult> released = new ArrayList<>(standing.values().stream().filter(LabResult::released).toList());
			if (released.isEmpty()) {
				rebuilt.add(new LabReportVersion(key.item(), key.version(), key.at(), null));
				continue;
			}
			released.sort(Comparator.comparingInt(r -> position(orderable, r.test())));
			rebuilt.add(new LabReportVersion(key.item(), key.version(), key.at(),
					new LabReport(key.item(), key.patient(), orderable, status(orderable, released),
							released.stream().map(LabResult::observedAt).min(Comparator.naturalOrder()).orElseThrow(),
							released.stream()
								.map(r -> r.releasedAt() == null ? r.updatedAt() : r.releasedAt())
								.max(Comparator.naturalOrder())
								.orElseThrow(),
							key.at(), released, key.version())));
		}
		return rebuilt;
	}

	private Orderable orderableOf(LabItemId item) {
		LabOrder order = orders.find(orders.idOfItem(item).orElseThrow(), false).orElseThrow();
		return order.item(item).orderable();
	}

	/** {@link ReportStatus} as the laboratory's report search defines it. */
	private static ReportStatus status(Orderable orderable, List<LabResult> released) {
		if (released.stream().anyMatch(LabResult::corrected)) {
			return ReportStatus.CORRECTED;
		}
		if (released.size() < orderable.tests().size()) {
			return ReportStatus.PARTIAL;
		}
		if (released.stream().anyMatch(r -> r.status() == ResultStatus.PRELIMINARY)) {
			return ReportStatus.PRELIMINARY;
		}
		return ReportStatus.FINAL;
	}

	private static int position(Orderable orderable, LabTest test) {
		int index = orderable.tests().stream().map(LabTest::code).toList().indexOf(test.code());
		return index < 0 ? Integer.MAX_VALUE : index;
	}

	/** The total without a count when the page shows the end of the history. */
	private static int total(int shown, HistoryQuery query, java.util.function.IntSupplier count) {
		return shown < query.limit() && (query.offset() == 0 || shown > 0) ? query.offset() + shown : count.getAsInt();
	}

	/**
	 * A type's history: a search row with the counts, and a row for each patient shown,
	 * so that "who saw this patient" includes history pages.
	 */
	private void auditTypeHistory(String type, List<PatientId> shown, int total) {
		List<AuditEntry> rows = new ArrayList<>();
		rows.add(new AuditEntry(AuditAction.SEARCH, type, null, null, AuditOutcome.SUCCESS,
				"history: " + shown.size() + " of " + total + " versions"));
		Map<PatientId, Integer> perPatient = new LinkedHashMap<>();
		shown.forEach(p -> perPatient.merge(p, 1, Integer::sum));
		perPatient.forEach((patient, count) -> rows.add(new AuditEntry(AuditAction.SEARCH, type, null,
				patient.asString(), AuditOutcome.SUCCESS, "history: " + count + " versions shown")));
		audit.recordAll(rows);
	}

}
