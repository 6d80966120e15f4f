package continuum.bulkdata;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.util.FhirTerser;
import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditOutcome;
import continuum.audit.AuditService;
import continuum.fhir.PatientCompartmentExport;
import continuum.patients.PatientExportService;
import continuum.platform.JobLeases;
import continuum.platform.LeasedJobThread;
import continuum.platform.SafeLogging;
import continuum.privacy.RestrictionService;
import continuum.security.ActingRights;
import continuum.security.CurrentUser;
import continuum.security.Role;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the accepted exports, on the node that holds the {@value #JOB} lease, a page of
 * patients at a time (keyset by patient id, {@code continuum.bulkdata.page-size}): each
 * page's resources are read through the modules' {@link PatientCompartmentExport}s as the
 * export's client (its SYSTEM role and the scopes of its kick-off), filtered by
 * {@code _since} and {@code _typeFilter}, appended to the files and flushed; then one
 * transaction audits each patient given out (one EXPORT row per patient per export, the
 * page being each patient's only one) and moves the export's cursor and file lengths on.
 * A page that does not commit leaves nothing: its audit rows roll back, the next attempt
 * cuts the files back. So a node that stops or dies mid-export leaves the export where
 * its last page committed, and whichever node holds the lease next goes on from there.
 * <p>
 * Restricted records (docs/fhir.md, "Bulk Data export"): a system client has no care
 * relationship, so a restricted patient is left out, listed in the error file without
 * details and audited as a denied EXPORT, unless the client is one the operator named in
 * {@code continuum.bulkdata.restricted-record-clients}.
 */
@Component
class ExportWorker implements SmartLifecycle {

	static final String JOB = "bulk-export";

	private static final Logger log = LoggerFactory.getLogger(ExportWorker.class);

	private final ExportJobRepository jobs;

	private final ExportFiles files;

	private final Map<String, List<PatientCompartmentExport>> sources = new HashMap<>();

	private final PatientExportService patients;

	private final RestrictionService restrictions;

	private final AuditService audit;

	private final CurrentUser currentUser;

	private final FhirContext fhir;

	private final BulkDataSettings settings;

	private final Clock clock;

	private final TransactionTemplate transaction;

	private final LeasedJobThread thread;

	ExportWorker(ExportJobRepository jobs, ExportFiles files, List<PatientCompartmentExport> sources,
			PatientExportService patients, RestrictionService restrictions, AuditService audit, CurrentUser currentUser,
			FhirContext fhir, BulkDataSettings settings, Clock clock, JobLeases leases,
			PlatformTransactionManager transactions) {
		this.jobs = jobs;
		this.files = files;
		sources
			.forEach(source -> this.sources.computeIfAbsent(source.resourceType(), t -> new ArrayList<>()).add(source));
		this.patients = patients;
		this.restrictions = restrictions;
		this.audit = audit;
		this.currentUser = currentUser;
		this.fhir = fhir;
		this.settings = settings;
		this.clock = clock;
		this.transaction = new TransactionTemplate(transactions);
		this.thread = new LeasedJobThread(JOB, leases, settings.sweepInterval(), this::round);
	}

	/** The resource types an export can give, by name. */
	Set<String> exportableTypes() {
		return sources.keySet();
	}

	/** Asks for a round now (an export was accepted). */
	void wake() {
		thread.wake();
	}

	/**
	 * One round: removes the expired exports, then works through the accepted ones,
	 * oldest first, until the round's budget is spent (and asks for the next round at
	 * once).
	 */
	void round() {
		removeExpired(clock.instant());
		long deadline = System.nanoTime() + settings.roundBudget().toNanos();
		for (String id : jobs.active()) {
			while (step(id)) {
				if (System.nanoTime() - deadline > 0) {
					thread.wake();
					return;
				}
			}
		}
	}

	/**
	 * Does the export's next page, or completes it when no patient is left; false when it
	 * is over (completed, failed, cancelled) or this node lost it.
	 */
	boolean step(String id) {
		ExportJob job = jobs.find(id).filter(j -> j.status() == ExportStatus.ACCEPTED).orElse(null);
		if (job == null) {
			return false;
		}
		List<ExportFile> committed = jobs.files(id);
		List<Long> page = nextPage(job);
		if (page.isEmpty()) {
			complete(job, committed);
			return false;
		}
		try {
			Boolean advanced = transaction.execute(status -> currentUser
				.actingAs(new ActingRights(job.clientId(), Role.SYSTEM, job.scopes(), true), () -> {
					if (exportPage(job, committed, page)) {
						return true;
					}
					status.setRollbackOnly();
					return false;
				}));
			if (!Boolean.TRUE.equals(advanced)) {
				// Cancelled meanwhile (its files are removed with it), or moved on by
				// another node.
				jobs.find(id).filter(j -> j.status() == ExportStatus.CANCELLED).ifPresent(j -> files.delete(id));
				return false;
			}
			return true;
		}
		catch (DataAccessException ex) {
			// The database: the page is tried again at the next round.
			throw ex;
		}
		catch (AccessDeniedException ex) {
			fail(job, "the client is no longer allowed to read what it asked for: " + ex.getMessage());
			return false;
		}
		catch (RuntimeException ex) {
			log.warn("Export {}: a page failed; the export fails: {}", id, SafeLogging.describe(ex));
			fail(job, "the server could not read or write a page of the export");
			return false;
		}
	}

	private List<Long> nextPage(ExportJob job) {
		int size = settings.pageSize();
		if (job.members() != null) {
			return job.members().stream().filter(m -> m > job.cursor()).sorted().limit(size).toList();
		}
		return patients.patientIdsAfter(job.cursor(), size);
	}

	/**
	 * Writes the page's resources and errors, then audits and advances in the caller's
	 * transaction; false when the export is no longer where the page began.
	 */
	private boolean exportPage(ExportJob job, List<ExportFile> committed, List<Long> page) {
		Set<Long> restricted = restrictions.kinds(page).keySet();
		List<Long> given = job.includeRestricted() ? page : page.stream().filter(p -> !restricted.contains(p)).toList();
		List<TypeFilter> filters = job.typeFilters().stream().map(TypeFilter::parse).toList();
		IParser json = fhir.newJsonParser().setPrettyPrint(false);
		FhirTerser terser = fhir.newTerser();
		Set<Long> exported = new LinkedHashSet<>();
		List<ExportFile> written;
		try (ExportFiles.PageWriter writer = files.page(job.id(), committed)) {
			if (!given.isEmpty()) {
				for (String type : job.resourceTypes()) {
					List<TypeFilter> ofType = filters.stream().filter(f -> f.resourceType().equals(type)).toList();
					for (PatientCompartmentExport source : sources.getOrDefault(type, List.of())) {
						source.forPatients(given, fhirBase(job), (patient, resource) -> {
							if (changedSince(resource, job.since()) && (ofType.isEmpty()
									|| ofType.stream().anyMatch(f -> f.matches(resource, terser)))) {
								writer.write(type,
										json.encodeResourceToString(resource).getBytes(StandardCharsets.UTF_8));
								exported.add(patient);
							}
						});
					}
				}
			}
			for (Long patient : page) {
				if (!given.contains(patient)) {
					writer.write(ExportFile.ERRORS,
							json.encodeResourceToString(excluded(patient)).getBytes(StandardCharsets.UTF_8));
				}
			}
			written = writer.flush();
		}
		List<AuditEntry> entries = new ArrayList<>();
		for (Long patient : page) {
			String id = patient.toString();
			if (exported.contains(patient)) {
				entries
					.add(new AuditEntry(AuditAction.EXPORT, "Patient", id, id, AuditOutcome.SUCCESS, "FHIR bulk export "
							+ job.id()
							+ (restricted.contains(patient) ? ": restricted record, exported as the client may" : "")));
			}
			else if (!given.contains(patient)) {
				entries.add(new AuditEntry(AuditAction.EXPORT, "Patient", id, id, AuditOutcome.DENIED,
						"restricted record: left out of FHIR bulk export " + job.id()));
			}
		}
		audit.recordAll(entries);
		return jobs.advance(job.id(), job.cursor(), page.get(page.size() - 1), page.size(), written);
	}

	/** The FHIR base URL the export was kicked off on. */
	private static String fhirBase(ExportJob job) {
		String url = job.requestUrl();
		int fhir = url.indexOf("/fhir/");
		return fhir < 0 ? url : url.substring(0, fhir + "/fhir".length());
	}

	private static boolean changedSince(IBaseResource resource, @Nullable Instant since) {
		if (since == null) {
			return true;
		}
		Date updated = resource.getMeta().getLastUpdated();
		return updated == null || updated.toInstant().isAfter(since);
	}

	/** The error file's line for a restricted patient left out: the id, no details. */
	private static OperationOutcome excluded(long patient) {
		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue()
			.setSeverity(OperationOutcome.IssueSeverity.ERROR)
			.setCode(OperationOutcome.IssueType.SUPPRESSED)
			.setDiagnostics("Patient/" + patient + " is not exported: restricted record")
			.addExpression("Patient/" + patient);
		return outcome;
	}

	private void complete(ExportJob job, List<ExportFile> committed) {
		files.publish(job.id(), committed);
		Instant now = clock.instant();
		if (jobs.finish(job.id(), ExportStatus.COMPLETED, null, now, now.plus(settings.retention()))) {
			log.info("Export {} completed: {} patients", job.id(), job.patientsDone());
		}
	}

	private void fail(ExportJob job, String why) {
		Instant now = clock.instant();
		jobs.finish(job.id(), ExportStatus.FAILED, why, now, now.plus(settings.retention()));
	}

	/** Removes the files and rows of the exports expired at {@code now}. */
	void removeExpired(Instant now) {
		for (String id : jobs.expired(now)) {
			files.delete(id);
			jobs.delete(id);
		}
	}

	@Override
	public void start() {
		thread.start();
	}

	@Override
	public void stop() {
		thread.stop();
	}

	@Override
	public boolean isRunning() {
		return thread.isRunning();
	}

}
