package continuum.lab;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditService;
import continuum.changes.ChangeFeed;
import continuum.changes.ChangeOperation;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.patients.PatientSummary;
import continuum.platform.ConflictException;
import continuum.platform.InvalidInputException;
import continuum.security.AccessControl;
import continuum.security.ActingUser;
import continuum.security.CurrentUser;
import continuum.security.Interaction;
import continuum.security.Role;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Results from entry to the chart: entered by an analyzer (through HL7) or by hand,
 * verified technically by a technologist, released medically by a clinical biologist.
 * Only released results are visible outside the laboratory and enter the change feed; a
 * released critical result raises an alert. A value changed after release is a
 * correction: the result is marked corrected and every earlier version is kept.
 */
@Service
public class ResultService {

	static final String OBSERVATION = "Observation";

	static final String DIAGNOSTIC_REPORT = "DiagnosticReport";

	private final ResultRepository results;

	private final OrderRepository orders;

	private final LabCatalogue catalogue;

	private final PatientService patients;

	private final CriticalAlertService alerts;

	private final AccessControl access;

	private final AuditService audit;

	private final ChangeFeed changes;

	private final CurrentUser currentUser;

	private final Clock clock;

	ResultService(ResultRepository results, OrderRepository orders, LabCatalogue catalogue, PatientService patients,
			CriticalAlertService alerts, AccessControl access, AuditService audit, ChangeFeed changes,
			CurrentUser currentUser, Clock clock) {
		this.results = results;
		this.orders = orders;
		this.catalogue = catalogue;
		this.patients = patients;
		this.alerts = alerts;
		this.access = access;
		this.audit = audit;
		this.changes = changes;
		this.currentUser = currentUser;
		this.clock = clock;
	}

	/**
	 * Stores the results an analyzer reported in one message, all or none. For each, the
	 * specimen must be received and carry the item, the item be active (or completed, for
	 * a correction), the test be part of it and its unit the catalogue's. A message's
	 * results are written with one statement each, and their versions and audit rows with
	 * one statement for all.
	 */
	@Transactional
	public List<ResultId> record(List<ResultReport> reports) {
		access.require(OBSERVATION, Interaction.CREATE, null, null);
		java.util.Map<String, Loaded> loaded = new java.util.HashMap<>();
		Writes writes = new Writes();
		for (ResultReport report : reports) {
			LabTest test = catalogue.test(report.testCode())
				.orElseThrow(() -> new InvalidInputException("Unknown test code " + report.testCode()));
			if (report.unit() != null && !report.unit().isBlank() && test.unit() != null
					&& !report.unit().strip().equals(test.unit())) {
				throw new InvalidInputException(
						"Test " + test.code() + " is reported in " + test.unit() + ", not in " + report.unit().strip());
			}
			ResultValue value = ResultValue.parse(report.value(), test.numeric());
			Loaded context = loaded.computeIfAbsent(report.accession(), this::load);
			store(context, report.placerNumber(), test, value, report.status(), report.observedAt(), report.method(),
					report.analyzer(), "analyzer:" + report.analyzer(), writes);
		}
		return writes.flush();
	}

	/** A result typed in at a bench by the signed-in technologist (final). */
	@Transactional
	public LabResult enter(String accession, String testCode, String input) {
		access.require(OBSERVATION, Interaction.CREATE, null, null);
		requireLabRole(false);
		LabTest test = catalogue.test(testCode)
			.orElseThrow(() -> new InvalidInputException("Unknown test code " + testCode));
		ResultValue value = ResultValue.parse(input, test.numeric());
		Loaded context = load(accession);
		Instant observedAt = context.specimen().collectedAt() == null ? clock.instant()
				: context.specimen().collectedAt();
		Writes writes = new Writes();
		store(context, null, test, value, ResultStatus.FINAL, observedAt, test.method(), null,
				currentUser.get().username(), writes);
		return results.find(writes.flush().get(0), false).orElseThrow();
	}

	/**
	 * What the results on one specimen share: the specimen (locked), its order, the
	 * patient, and the results its items already have (locked), by item and test.
	 */
	private record Loaded(Specimen specimen, LabOrder order, @Nullable PatientSummary patient,
			java.util.Map<String, LabResult> existing) {

		static String key(LabItemId item, String test) {
			return item.asString() + ":" + test;
		}

	}

	private Loaded load(String accession) {
		Specimen specimen = orders.specimen(accession, true)
			.orElseThrow(() -> new LabOrderNotFoundException("No specimen with accession number " + accession));
		LabOrder order = orders.find(specimen.order(), false).orElseThrow();
		java.util.Map<String, LabResult> existing = new java.util.HashMap<>();
		results.ofItems(specimen.items(), true).forEach(r -> existing.put(Loaded.key(r.item(), r.test().code()), r));
		return new Loaded(specimen, order, patients.summaries(List.of(specimen.patient())).get(specimen.patient()),
				existing);
	}

	/**
	 * The audit rows and versions of the results written in one call, written together.
	 */
	private final class Writes {

		private final List<AuditEntry> audits = new ArrayList<>();

		private final List<ResultId> written = new ArrayList<>();

		private final List<String> by = new ArrayList<>();

		void add(ResultId id, AuditAction action, String patient, String enteredBy) {
			audits.add(AuditEntry.success(action, OBSERVATION, id.asString(), patient));
			written.add(id);
			by.add(enteredBy);
		}

		List<ResultId> flush() {
			audit.recordAll(audits);
			if (!written.isEmpty()) {
				results.recordVersions(written, by.get(0), clock.instant());
			}
			return List.copyOf(written);
		}

	}

	private void store(Loaded context, @Nullable String placerNumber, LabTest test, ResultValue value,
			ResultStatus status, Instant observedAt, @Nullable String method, @Nullable String analyzer,
			String enteredBy, Writes writes) {
		Specimen specimen = context.specimen();
		String accession = specimen.accession();
		LabOrder.Item item = itemFor(specimen, context.order(), placerNumber, test);
		if (specimen.status() != SpecimenStatus.RECEIVED) {
			throw new ConflictException("Specimen " + accession + " is " + specimen.status().name().toLowerCase()
					+ "; results are taken for received specimens only");
		}
		if (item.status() == OrderStatus.REVOKED) {
			throw new ConflictException("Item " + item.placerNumber() + " was cancelled; its results are not taken");
		}
		Instant now = clock.instant();
		LocalDate on = LocalDate.ofInstant(observedAt, LabSettings.ZONE);
		PatientSummary summary = context.patient();
		ReferenceRange range = summary == null ? catalogue.range(test.code(), null, null, on)
				: catalogue.range(test.code(), summary.gender(), summary.birthDate(), on);
		AbnormalFlag flag = value.number() != null ? AbnormalFlag.of(value.number(), range)
				: AbnormalFlag.of(Objects.requireNonNull(value.text()), range);
		String key = Loaded.key(item.id(), test.code());
		LabResult existing = context.existing().get(key);
		String patient = specimen.patient().asString();
		if (existing == null) {
			ResultId id = results.insert(new ResultRepository.Entry(item.id(), accession, specimen.patient(), test,
					value, range, flag, method, analyzer, status, observedAt, enteredBy), now);
			writes.add(id, AuditAction.CREATE, patient, enteredBy);
			return;
		}
		ResultId id = existing.id();
		boolean correction = existing.released();
		ResultStatus newStatus = correction ? ResultStatus.CORRECTED : status;
		results.update(id, new ResultRepository.Entry(item.id(), accession, specimen.patient(), test, value, range,
				flag, method, analyzer, newStatus, observedAt, enteredBy), correction, null, now);
		writes.add(id, AuditAction.UPDATE, patient, enteredBy);
		if (correction) {
			// The released value leaves the chart until the corrected one is released.
			changes.append(OBSERVATION, id.asString(), patient, ChangeOperation.UPDATE);
		}
	}

	private LabOrder.Item itemFor(Specimen specimen, LabOrder order, @Nullable String placerNumber, LabTest test) {
		List<LabOrder.Item> candidates = specimen.items()
			.stream()
			.map(order::item)
			.filter(i -> i.orderable().tests().stream().anyMatch(t -> t.code().equals(test.code())))
			.filter(i -> placerNumber == null || placerNumber.isBlank() || i.placerNumber().equals(placerNumber)
					|| placerNumber.equals(i.fillerNumber()))
			.toList();
		if (candidates.isEmpty()) {
			throw new InvalidInputException("Test " + test.code() + " was not ordered on specimen "
					+ specimen.accession() + (placerNumber == null ? "" : " under order " + placerNumber));
		}
		return candidates.stream().filter(i -> i.status() != OrderStatus.REVOKED).findFirst().orElse(candidates.get(0));
	}

	private ReferenceRange rangeFor(PatientId patient, LabTest test, Instant at) {
		PatientSummary summary = patients.summaries(List.of(patient)).get(patient);
		LocalDate on = LocalDate.ofInstant(at, LabSettings.ZONE);
		return summary == null ? catalogue.range(test.code(), null, null, on)
				: catalogue.range(test.code(), summary.gender(), summary.birthDate(), on);
	}

	/** Technical verification of entered results by the signed-in technologist. */
	@Transactional
	public List<LabResult> verify(Collection<ResultId> ids) {
		access.require(OBSERVATION, Interaction.UPDATE, null, null);
		requireLabRole(false);
		return advance(ids, ResultStage.ENTERED, ResultStage.VERIFIED);
	}

	/**
	 * Medical release of verified results by the signed-in clinical biologist: they reach
	 * the chart, the change feed and FHIR; a critical one raises an alert; an item whose
	 * every test is released is completed.
	 */
	@Transactional
	public List<LabResult> release(Collection<ResultId> ids) {
		access.require(OBSERVATION, Interaction.UPDATE, null, null);
		requireLabRole(true);
		List<LabResult> released = advance(ids, ResultStage.VERIFIED, ResultStage.RELEASED);
		afterRelease(released);
		return released;
	}

	/**
	 * Corrects a released result: the new value is released at once by the signed-in
	 * clinical biologist, marked corrected, with the reason; the earlier value is kept.
	 */
	@Transactional
	public LabResult correct(ResultId id, String input, String reason) {
		access.require(OBSERVATION, Interaction.UPDATE, id.asString(), null);
		requireLabRole(true);
		if (reason == null || reason.isBlank()) {
			throw new InvalidInputException("A correction needs a reason");
		}
		LabResult result = results.find(id, true).orElseThrow(() -> notFound(id));
		if (!result.released()) {
			throw new ConflictException("Result " + id + " is not released; change it by entering it again");
		}
		ResultValue value = ResultValue.parse(input, result.test().numeric());
		ReferenceRange range = rangeFor(result.patient(), result.test(), result.observedAt());
		AbnormalFlag flag = value.number() != null ? AbnormalFlag.of(value.number(), range)
				: AbnormalFlag.of(Objects.requireNonNull(value.text()), range);
		Instant now = clock.instant();
		String by = currentUser.get().username();
		results.update(id,
				new ResultRepository.Entry(result.item(), result.accession(), result.patient(), result.test(), value,
						range, flag, result.method(), result.analyzer(), ResultStatus.CORRECTED, result.observedAt(),
						by),
				true, by, now);
		results.recordVersion(id, by, reason.strip(), now);
		audit.record(AuditEntry.success(AuditAction.UPDATE, OBSERVATION, id.asString(), result.patient().asString()));
		LabResult corrected = results.find(id, false).orElseThrow();
		afterRelease(List.of(corrected));
		return corrected;
	}

	private List<LabResult> advance(Collection<ResultId> ids, ResultStage from, ResultStage to) {
		Set<ResultId> unique = new LinkedHashSet<>(ids);
		if (unique.isEmpty()) {
			throw new InvalidInputException("No result chosen");
		}
		List<LabResult> found = results.findAll(unique);
		if (found.size() != unique.size()) {
			throw new ResultNotFoundException("Some of the chosen results do not exist");
		}
		for (LabResult result : found) {
			if (result.stage() != from) {
				throw new ConflictException("Result " + result.id() + " is " + result.stage().name().toLowerCase()
						+ ", not " + from.name().toLowerCase());
			}
		}
		Instant now = clock.instant();
		String by = currentUser.get().username();
		if (results.advance(unique, from, to, by, now) != unique.size()) {
			throw new ConflictException("Some of the chosen results were changed meanwhile; try again");
		}
		List<AuditEntry> entries = new ArrayList<>();
		for (ResultId id : unique) {
			results.recordVersion(id, by, null, now);
		}
		List<LabResult> advanced = results.findAll(unique);
		for (LabResult result : advanced) {
			entries.add(AuditEntry.success(AuditAction.UPDATE, OBSERVATION, result.id().asString(),
					result.patient().asString()));
		}
		audit.recordAll(entries);
		return advanced;
	}

	private void afterRelease(List<LabResult> released) {
		Instant now = clock.instant();
		Set<LabItemId> items = new LinkedHashSet<>();
		for (LabResult result : released) {
			String patient = result.patient().asString();
			changes.append(OBSERVATION, result.id().asString(), patient,
					result.corrected() ? ChangeOperation.UPDATE : ChangeOperation.CREATE);
			items.add(result.item());
			if (result.critical()) {
				alerts.raise(result);
			}
		}
		for (LabItemId item : items) {
			LabOrder order = orders.find(orders.idOfItem(item).orElseThrow(), true).orElseThrow();
			LabOrder.Item line = order.item(item);
			changes.append(DIAGNOSTIC_REPORT, item.asString(), order.patient().asString(), ChangeOperation.UPDATE);
			if (line.status() == OrderStatus.ACTIVE && results.releasedCount(item) >= line.orderable().tests().size()) {
				orders.setItemStatus(item, OrderStatus.COMPLETED, now);
				changes.append(LabOrderService.SERVICE_REQUEST, item.asString(), order.patient().asString(),
						ChangeOperation.UPDATE);
				boolean open = order.items()
					.stream()
					.anyMatch(i -> !i.id().equals(item) && i.status() == OrderStatus.ACTIVE);
				if (!open) {
					orders.setOrderStatus(order.id(), OrderStatus.COMPLETED, null, null, now);
				}
				else {
					orders.touchOrder(order.id(), now);
				}
			}
		}
	}

	/**
	 * One result: a released one to anyone who may read results, any one to the
	 * laboratory. Audited as a read.
	 */
	@Transactional
	public LabResult get(ResultId id) {
		access.require(OBSERVATION, Interaction.READ, id.asString(), null);
		LabResult result = results.find(id, false).filter(r -> r.released() || inLab()).orElseThrow(() -> notFound(id));
		audit.record(AuditEntry.success(AuditAction.READ, OBSERVATION, id.asString(), result.patient().asString()));
		return result;
	}

	/**
	 * The patient's released results, oldest first (optionally one test, from a time);
	 * the chart's table and plot. Audited as a search for the patient.
	 */
	@Transactional
	public List<LabResult> released(PatientId patient, @Nullable String testCode, @Nullable Instant from, int limit) {
		access.require(OBSERVATION, Interaction.SEARCH, null, patient.asString());
		List<LabResult> found = results.released(patient, testCode, from, Math.max(1, Math.min(limit, 10_000)));
		audit.record(AuditEntry.success(AuditAction.SEARCH, OBSERVATION, null, patient.asString()));
		return found;
	}

	/**
	 * The results of some items (an order's, a report's): released ones only outside the
	 * laboratory. Audited per result.
	 */
	@Transactional
	public List<LabResult> ofItems(Collection<LabItemId> items) {
		access.require(OBSERVATION, Interaction.SEARCH, null, null);
		boolean lab = inLab();
		List<LabResult> found = results.ofItems(items).stream().filter(r -> lab || r.released()).toList();
		auditReads(found);
		return found;
	}

	/**
	 * Results waiting for a stage's next step (verification or release), oldest first.
	 */
	@Transactional
	public List<LabResult> queue(ResultStage stage, @Nullable String bench, int limit) {
		access.require(OBSERVATION, Interaction.SEARCH, null, null);
		requireLabRole(false);
		List<LabResult> found = results.atStage(stage, bench, Math.max(1, Math.min(limit, 1000)));
		auditReads(found);
		return found;
	}

	/**
	 * A line of a bench's work list: a test of a received specimen with no result yet.
	 */
	public record WorkItem(String accession, LabItemId item, PatientId patient, LabTest test, Priority priority,
			Instant receivedAt) {
	}

	/** The bench's work list, most urgent first. */
	@Transactional
	public List<WorkItem> worklist(String bench, int limit) {
		access.require("Specimen", Interaction.SEARCH, null, null);
		requireLabRole(false);
		catalogue.bench(bench).orElseThrow(() -> new InvalidInputException("Unknown bench " + bench));
		List<WorkItem> lines = results.worklist(bench, Math.max(1, Math.min(limit, 1000)))
			.stream()
			.map(p -> new WorkItem(p.accession(), p.item(), p.patient(), p.test(), p.priority(), p.receivedAt()))
			.toList();
		audit.recordAll(lines.stream()
			.map(l -> AuditEntry.success(AuditAction.READ, "Specimen", l.accession(), l.patient().asString()))
			.distinct()
			.toList());
		return lines;
	}

	/** One earlier state of a result, who made it and why. */
	public record Version(LabResult result, String changedBy, Instant changedAt, @Nullable String reason) {
	}

	/** Every version of a result, oldest first; audited as a read. */
	@Transactional
	public List<Version> history(ResultId id) {
		LabResult result = get(id);
		return results.versions(result.id())
			.stream()
			.filter(v -> inLab() || v.result().released())
			.map(v -> new Version(v.result(), v.changedBy(), v.changedAt(), v.reason()))
			.toList();
	}

	private void auditReads(List<LabResult> found) {
		audit.recordAll(found.stream()
			.map(r -> AuditEntry.success(AuditAction.READ, OBSERVATION, r.id().asString(), r.patient().asString()))
			.toList());
	}

	/** Whether the caller works in the laboratory (or is the server itself). */
	private boolean inLab() {
		ActingUser user = currentUser.get();
		return user.role() == null ? user.kind() == ActingUser.Kind.SYSTEM : user.role().verifiesLabResults();
	}

	private void requireLabRole(boolean release) {
		ActingUser user = currentUser.get();
		Role role = user.role();
		if (role == null && user.kind() == ActingUser.Kind.SYSTEM) {
			return;
		}
		boolean allowed = role != null && (release ? role.releasesLabResults() : role.verifiesLabResults());
		if (!allowed) {
			String what = release ? "release" : "verify";
			audit.recordDenial(AuditEntry.denied(AuditAction.UPDATE, OBSERVATION, null, null,
					"role may not " + what + " laboratory results"));
			throw new AccessDeniedException("Not allowed to " + what + " laboratory results in this role");
		}
	}

	static ResultNotFoundException notFound(ResultId id) {
		return new ResultNotFoundException("No laboratory result with id " + id);
	}

}
