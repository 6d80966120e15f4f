package continuum.bulkdata;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditService;
import continuum.platform.InvalidInputException;
import continuum.platform.NotFoundException;
import continuum.security.CurrentUser;
import continuum.security.Interaction;
import continuum.security.Scopes;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * FHIR Bulk Data exports for system clients (SMART Backend Services): kick-off, status,
 * cancellation and the files, each answered to the client that kicked the export off
 * only; to anyone else an export does not exist. Only a token from the client-credentials
 * grant ({@code system/} scopes) may export, and only the types its scopes let it read
 * and search; any other caller is refused (403) and the refusal audited.
 */
@Service
public class BulkExportService {

	private final ExportJobRepository jobs;

	private final ExportFiles files;

	private final ExportWorker worker;

	private final Groups groups;

	private final CurrentUser currentUser;

	private final AuditService audit;

	private final BulkDataSettings settings;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	BulkExportService(ExportJobRepository jobs, ExportFiles files, ExportWorker worker, Groups groups,
			CurrentUser currentUser, AuditService audit, BulkDataSettings settings, Clock clock) {
		this.jobs = jobs;
		this.files = files;
		this.worker = worker;
		this.groups = groups;
		this.currentUser = currentUser;
		this.audit = audit;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * The wait, in whole seconds, a polling client is asked to leave between two polls.
	 */
	public long retryAfterSeconds() {
		return Math.max(1, (settings.retryAfter().toMillis() + 999) / 1000);
	}

	/**
	 * The resource types an export gives (the patient compartment's types served here).
	 */
	public Set<String> exportableTypes() {
		return new TreeSet<>(worker.exportableTypes());
	}

	/**
	 * Accepts an export for the calling system client and starts it in the background.
	 * @param groupId the group of a Group-level export, else null
	 * @param types the types asked for ({@code _type}), or empty for every type the
	 * client's scopes allow
	 * @throws AccessDeniedException (audited) when the caller is not a system client, or
	 * its scopes do not cover a type asked for
	 * @throws NotFoundException for an unknown group
	 * @throws TooManyExportsException when the client has as many exports running as it
	 * may
	 */
	@Transactional
	public ExportJob start(ExportLevel level, @Nullable String groupId, String requestUrl, List<String> types,
			@Nullable Instant since, List<TypeFilter> filters) {
		List<String> scopes = currentUser.backendScopes();
		if (scopes.isEmpty()) {
			throw denied("only a system client (client credentials, SMART Backend Services) may run a bulk export");
		}
		String client = currentUser.get().username();
		List<String> exported = new ArrayList<>();
		for (String type : types.isEmpty() ? exportableTypes() : new TreeSet<>(types)) {
			if (!exportableTypes().contains(type)) {
				throw new InvalidInputException("_type " + type + " is not a type this server exports; it exports "
						+ String.join(", ", exportableTypes()));
			}
			boolean allowed = Scopes.allows(scopes, type, Interaction.READ)
					&& Scopes.allows(scopes, type, Interaction.SEARCH);
			if (allowed) {
				exported.add(type);
			}
			else if (!types.isEmpty()) {
				throw denied(
						"the token's scopes do not allow reading and searching " + type + " (system/" + type + ".rs)");
			}
		}
		if (exported.isEmpty()) {
			throw denied("the token's scopes allow none of the types a bulk export gives (system/<type>.rs)");
		}
		for (TypeFilter filter : filters) {
			if (!exported.contains(filter.resourceType())) {
				throw new InvalidInputException(
						"_typeFilter on " + filter.resourceType() + " names a type the export does not include");
			}
		}
		if (jobs.activeOf(client) >= settings.maximumActivePerClient()) {
			throw new TooManyExportsException(client, settings.maximumActivePerClient());
		}
		// A group's members are fixed when its export starts; the whole population is
		// walked by id as it stands when each page is read (its size is not known ahead).
		List<Long> members = level == ExportLevel.GROUP ? groups.members(groupId) : null;
		int total = members == null ? 0 : members.size();
		Instant now = clock.instant();
		ExportJob job = new ExportJob(newId(), client, scopes, level, groupId, members, requestUrl, exported, since,
				filters.stream().map(TypeFilter::text).toList(), settings.restrictedRecordClients().contains(client),
				ExportStatus.ACCEPTED, now, 0, 0, total, null, null, null);
		jobs.insert(job);
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				worker.wake();
			}
		});
		return job;
	}

	/**
	 * The caller's export with this id, with its files as far as they have committed;
	 * empty when there is none (unknown, another client's, cancelled, expired).
	 */
	@Transactional(readOnly = true)
	public Optional<ExportProgress> status(String id) {
		return own(id).map(job -> new ExportProgress(job, jobs.files(id)));
	}

	/**
	 * Cancels the caller's export, or removes a finished one, with its files; false when
	 * the caller has no such export.
	 */
	@Transactional
	public boolean cancel(String id) {
		if (own(id).isEmpty() || !jobs.cancel(id, currentUser.get().username(), clock.instant())) {
			return false;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				files.delete(id);
			}
		});
		return true;
	}

	/** A file of the caller's completed export, if it has one of that name. */
	@Transactional(readOnly = true)
	public Optional<java.nio.file.Path> file(String id, String name) {
		return own(id).filter(job -> job.status() == ExportStatus.COMPLETED)
			.flatMap(job -> files.published(job.id(), name));
	}

	private Optional<ExportJob> own(String id) {
		List<String> scopes = currentUser.backendScopes();
		if (scopes.isEmpty() || !id.matches("[0-9a-f]{32}")) {
			return Optional.empty();
		}
		String client = currentUser.get().username();
		return jobs.find(id).filter(job -> job.clientId().equals(client) && job.status() != ExportStatus.CANCELLED);
	}

	private AccessDeniedException denied(String reason) {
		audit.recordDenial(
				AuditEntry.denied(AuditAction.EXPORT, "Patient", null, null, "bulk export refused: " + reason));
		return new AccessDeniedException("Bulk export refused: " + reason);
	}

	private String newId() {
		byte[] bytes = new byte[16];
		random.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

	/** An export with its files as far as they have committed. */
	public record ExportProgress(ExportJob job, List<ExportFile> files) {

		public ExportProgress {
			files = List.copyOf(files);
		}

	}

}
