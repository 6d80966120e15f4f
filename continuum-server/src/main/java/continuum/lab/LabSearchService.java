package continuum.lab;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditService;
import continuum.fhir.RankedMatch;
import continuum.security.AccessControl;
import continuum.security.Interaction;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Searches of the laboratory's records by criteria, a page at a time: order items
 * (ServiceRequest), specimens, released results (Observation) and the reports of order
 * items (DiagnosticReport), which hold released results only. Each search checks the
 * caller's access and is audited as a search (for the patient searched, if any) and a
 * read of every record it answers, in one transaction.
 */
@Service
public class LabSearchService {

	static final String DIAGNOSTIC_REPORT = ResultService.DIAGNOSTIC_REPORT;

	private final LabSearchRepository search;

	private final OrderRepository orders;

	private final ResultRepository results;

	private final LabCatalogue catalogue;

	private final AccessControl access;

	private final AuditService audit;

	LabSearchService(LabSearchRepository search, OrderRepository orders, ResultRepository results,
			LabCatalogue catalogue, AccessControl access, AuditService audit) {
		this.search = search;
		this.orders = orders;
		this.results = results;
		this.catalogue = catalogue;
		this.access = access;
		this.audit = audit;
	}

	/** Order items, newest order first. */
	@Transactional
	public LabPage<LabRequest> requests(LabRequestQuery query) {
		String patient = query.patient() == null ? null : query.patient().asString();
		access.require(LabOrderService.SERVICE_REQUEST, Interaction.SEARCH, null, patient);
		LabSearchRepository.Page<LabItemId> page = search.items(query, access.hiddenPatients());
		Map<LabOrderId, LabOrder> byOrder = new HashMap<>();
		List<LabRequest> found = new ArrayList<>();
		for (LabItemId item : page.ids()) {
			LabOrderId id = orders.idOfItem(item).orElseThrow();
			LabOrder order = byOrder.computeIfAbsent(id, o -> orders.find(o, false).orElseThrow());
			found.add(new LabRequest(order, order.item(item)));
		}
		audited(LabOrderService.SERVICE_REQUEST, patient, found, r -> AuditEntry.success(AuditAction.READ,
				LabOrderService.SERVICE_REQUEST, r.item().id().asString(), r.order().patient().asString()));
		return new LabPage<>(found, page.total());
	}

	/**
	 * The first {@code limit} order items in the query's {@code _sort} order, as ids and
	 * sort values, for a ServiceRequest search sorted across the modules that take
	 * orders. Checks access and leaves out restricted records like {@link #requests}; not
	 * audited: the page chosen from it is read through {@link #requests}.
	 */
	@Transactional(readOnly = true)
	public RankedMatch.Ranking rankRequests(LabRequestQuery query, int limit) {
		String patient = query.patient() == null ? null : query.patient().asString();
		access.require(LabOrderService.SERVICE_REQUEST, Interaction.SEARCH, null, patient);
		return search.rankItems(query, access.hiddenPatients(), limit);
	}

	/**
	 * The first {@code limit} reports in the query's {@code _sort} order, for a
	 * DiagnosticReport search sorted across modules; as {@link #rankRequests}.
	 */
	@Transactional(readOnly = true)
	public RankedMatch.Ranking rankReports(LabReportQuery query, int limit) {
		String patient = query.patient() == null ? null : query.patient().asString();
		access.require(DIAGNOSTIC_REPORT, Interaction.SEARCH, null, patient);
		return search.rankReports(query, access.hiddenPatients(), limit);
	}

	/** Specimens, most recently changed first. */
	@Transactional
	public LabPage<Specimen> specimens(SpecimenQuery query) {
		String patient = query.patient() == null ? null : query.patient().asString();
		access.require(SpecimenService.SPECIMEN, Interaction.SEARCH, null, patient);
		LabSearchRepository.Page<String> page = search.specimens(query, access.hiddenPatients());
		List<Specimen> found = page.ids().stream().map(a -> orders.specimen(a, false).orElseThrow()).toList();
		audited(SpecimenService.SPECIMEN, patient, found, s -> AuditEntry.success(AuditAction.READ,
				SpecimenService.SPECIMEN, s.accession(), s.patient().asString()));
		return new LabPage<>(found, page.total());
	}

	/** Released results, most recently observed first; unreleased ones never match. */
	@Transactional
	public LabPage<LabResult> results(LabResultQuery query) {
		String patient = query.patient() == null ? null : query.patient().asString();
		access.require(ResultService.OBSERVATION, Interaction.SEARCH, null, patient);
		LabSearchRepository.Page<ResultId> page = search.results(query, access.hiddenPatients());
		Map<ResultId, LabResult> rows = new HashMap<>();
		results.findAll(page.ids()).forEach(r -> rows.put(r.id(), r));
		List<LabResult> found = page.ids().stream().map(rows::get).toList();
		audited(ResultService.OBSERVATION, patient, found, r -> AuditEntry.success(AuditAction.READ,
				ResultService.OBSERVATION, r.id().asString(), r.patient().asString()));
		return new LabPage<>(found, page.total());
	}

	/** Reports, most recent first; each holds its item's released results only. */
	@Transactional
	public LabPage<LabReport> reports(LabReportQuery query) {
		String patient = query.patient() == null ? null : query.patient().asString();
		access.require(DIAGNOSTIC_REPORT, Interaction.SEARCH, null, patient);
		LabSearchRepository.Page<LabSearchRepository.ReportRow> page = search.reports(query, access.hiddenPatients());
		List<LabReport> found = reports(page.ids());
		audited(DIAGNOSTIC_REPORT, patient, found, r -> AuditEntry.success(AuditAction.READ, DIAGNOSTIC_REPORT,
				r.item().asString(), r.patient().asString()));
		return new LabPage<>(found, page.total());
	}

	/**
	 * The order items (ServiceRequest) of these patients, for a FHIR bulk export
	 * (docs/fhir.md, "Bulk Data export"). Not audited here, nor are the three below: the
	 * export records one EXPORT row per patient for the whole export, in the transaction
	 * of the page that reads them.
	 */
	@Transactional(readOnly = true)
	public List<LabRequest> requestsForBulkExport(java.util.Collection<Long> patientIds) {
		access.require(LabOrderService.SERVICE_REQUEST, Interaction.SEARCH, null, null);
		Map<LabOrderId, LabOrder> byOrder = new HashMap<>();
		List<LabRequest> found = new ArrayList<>();
		for (LabItemId item : patientIds.isEmpty() ? List.<LabItemId>of() : search.itemsOfPatients(patientIds)) {
			LabOrderId id = orders.idOfItem(item).orElseThrow();
			LabOrder order = byOrder.computeIfAbsent(id, o -> orders.find(o, false).orElseThrow());
			found.add(new LabRequest(order, order.item(item)));
		}
		return found;
	}

	/** The specimens of these patients, for a FHIR bulk export. */
	@Transactional(readOnly = true)
	public List<Specimen> specimensForBulkExport(java.util.Collection<Long> patientIds) {
		access.require(SpecimenService.SPECIMEN, Interaction.SEARCH, null, null);
		return patientIds.isEmpty() ? List.of()
				: search.specimensOfPatients(patientIds)
					.stream()
					.map(a -> orders.specimen(a, false).orElseThrow())
					.toList();
	}

	/** The released results of these patients, for a FHIR bulk export. */
	@Transactional(readOnly = true)
	public List<LabResult> resultsForBulkExport(java.util.Collection<Long> patientIds) {
		access.require(ResultService.OBSERVATION, Interaction.SEARCH, null, null);
		return patientIds.isEmpty() ? List.of() : results.findAll(search.releasedOfPatients(patientIds));
	}

	/**
	 * The reports of these patients, each with its released results, for a FHIR bulk
	 * export.
	 */
	@Transactional(readOnly = true)
	public List<LabReport> reportsForBulkExport(java.util.Collection<Long> patientIds) {
		access.require(DIAGNOSTIC_REPORT, Interaction.SEARCH, null, null);
		return patientIds.isEmpty() ? List.of() : reports(search.reportsOfPatients(patientIds));
	}

	/**
	 * The report of an order item, audited as a read; not found while the item has no
	 * released result.
	 */
	@Transactional
	public LabReport report(LabItemId item) {
		access.require(DIAGNOSTIC_REPORT, Interaction.READ, item.asString(), null);
		LabReportQuery query = new LabReportQuery(null, null, java.util.Set.of(), null, null, null, null, item, 1, 0);
		LabReport report = reports(search.reports(query, java.util.Set.of()).ids()).stream()
			.findFirst()
			.orElseThrow(() -> new ResultNotFoundException("No laboratory report with id " + item));
		audit.record(
				AuditEntry.success(AuditAction.READ, DIAGNOSTIC_REPORT, item.asString(), report.patient().asString()));
		return report;
	}

	private List<LabReport> reports(List<LabSearchRepository.ReportRow> rows) {
		Map<LabItemId, List<LabResult>> released = new HashMap<>();
		results.ofItems(rows.stream().map(LabSearchRepository.ReportRow::item).toList())
			.stream()
			.filter(LabResult::released)
			.forEach(r -> released.computeIfAbsent(r.item(), i -> new ArrayList<>()).add(r));
		Map<LabItemId, Integer> versions = results
			.reportVersionNumbers(rows.stream().map(LabSearchRepository.ReportRow::item).toList());
		List<LabReport> reports = new ArrayList<>();
		for (LabSearchRepository.ReportRow row : rows) {
			Orderable orderable = catalogue.orderable(row.orderableCode()).orElseThrow();
			List<LabResult> members = new ArrayList<>(released.getOrDefault(row.item(), List.of()));
			members.sort(Comparator.comparingInt(r -> position(orderable, r.test())));
			reports.add(new LabReport(row.item(), row.patient(), orderable, row.status(), row.effective(), row.issued(),
					row.lastUpdated(), members, versions.getOrDefault(row.item(), 1)));
		}
		return reports;
	}

	/** The test's place in the orderable's report order. */
	private static int position(Orderable orderable, LabTest test) {
		int index = orderable.tests().stream().map(LabTest::code).toList().indexOf(test.code());
		return index < 0 ? Integer.MAX_VALUE : index;
	}

	/**
	 * Audits the search (for the patient searched, if any) and a read of every record
	 * found.
	 */
	private <T> void audited(String type, @Nullable String patient, List<T> found, Function<T, AuditEntry> read) {
		List<AuditEntry> entries = new ArrayList<>();
		entries.add(AuditEntry.success(AuditAction.SEARCH, type, null, patient));
		found.forEach(f -> entries.add(read.apply(f)));
		audit.recordAll(entries);
	}

}
