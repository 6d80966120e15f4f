package continuum.patients;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditOutcome;
import continuum.audit.AuditService;
import continuum.audit.StatementAudit;
import continuum.changes.ChangeFeed;
import continuum.changes.ChangeOperation;
import continuum.changes.StatementChange;
import continuum.platform.ConflictException;
import continuum.platform.VersionConflictException;
import continuum.security.AccessControl;
import continuum.security.Interaction;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The patient module's entry point: registration, reads (audited), updates with
 * optimistic versions and search. A merged duplicate is kept and linked to its survivor:
 * {@link #get} and {@link #summary} follow the link and answer the survivor, while
 * {@link #read} answers the stored record as it is (the FHIR read shows its replaced-by
 * link).
 */
@Service
public class PatientService {

	static final String TYPE = "Patient";

	private final PatientRepository patients;

	private final PatientSearchRepository searches;

	private final AccessControl access;

	private final AuditService audit;

	private final ChangeFeed changes;

	private final Clock clock;

	private final ClinicalRecordService clinical;

	private final TransactionTemplate separateReadOnly;

	PatientService(PatientRepository patients, PatientSearchRepository searches, AccessControl access,
			AuditService audit, ChangeFeed changes, Clock clock, ClinicalRecordService clinical,
			PlatformTransactionManager transactions) {
		this.separateReadOnly = new TransactionTemplate(transactions);
		this.separateReadOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.separateReadOnly.setReadOnly(true);
		this.clinical = clinical;
		this.patients = patients;
		this.searches = searches;
		this.access = access;
		this.audit = audit;
		this.changes = changes;
		this.clock = clock;
	}

	/**
	 * The patient, or the survivor it was merged into; audited as a read of the patient
	 * returned.
	 */
	public Patient get(PatientId id) {
		access.require(TYPE, Interaction.READ, id.asString(), id.asString());
		Patient patient = survivor(load(id));
		auditRead(patient.id());
		return patient;
	}

	/**
	 * The patient as stored, a merged duplicate included (with its link to the survivor);
	 * audited.
	 */
	public Patient read(PatientId id) {
		access.require(TYPE, Interaction.READ, id.asString(), id.asString());
		StatementAudit read = audit
			.inStatement(AuditEntry.success(AuditAction.READ, TYPE, id.asString(), id.asString()));
		return patients.find(id.value(), read).orElseThrow(() -> new PatientNotFoundException("No patient " + id));
	}

	/** One version of the patient as it was; audited. */
	public Patient readVersion(PatientId id, int version) {
		access.require(TYPE, Interaction.READ, id.asString(), id.asString());
		Patient patient = patients.findVersion(id.value(), version)
			.orElseThrow(() -> new PatientNotFoundException("No version " + version + " of patient " + id));
		auditRead(id);
		return patient;
	}

	/** The banner facts of the patient (or its survivor); audited as a read. */
	@Transactional
	public PatientSummary summary(PatientId id) {
		return get(id).summary();
	}

	/**
	 * What a chart needs: the patient (or its survivor) with the allergies, medications
	 * and problems not deleted. Audited as a read of the patient and a search of each
	 * kind of entry the caller's role may see; the kinds it may not see are named in
	 * {@link PatientRecord#withheld()}.
	 */
	@Transactional
	public PatientRecord record(PatientId id) {
		Patient patient = get(id);
		ClinicalQuery query = ClinicalQuery.of(patient.id());
		java.util.Set<String> withheld = new java.util.HashSet<>();
		return new PatientRecord(patient, entries(ClinicalKind.ALLERGIES, query, withheld),
				entries(ClinicalKind.MEDICATIONS, query, withheld), entries(ClinicalKind.PROBLEMS, query, withheld),
				withheld);
	}

	/**
	 * The entries of a kind the caller's role may see; else none, and the kind withheld.
	 */
	private <T extends ClinicalEntry> List<T> entries(ClinicalKind<T> kind, ClinicalQuery query,
			java.util.Set<String> withheld) {
		if (access.allows(kind.resourceType(), Interaction.SEARCH)) {
			return clinical.search(kind, query).entries();
		}
		withheld.add(kind.resourceType());
		return List.of();
	}

	/**
	 * Banner facts of many patients at once (a census, a worklist), in one query instead
	 * of one per patient; each patient shown is audited as a read, all in one statement.
	 * A merged duplicate is answered with its survivor's facts; unknown ids are left out,
	 * and so are restricted records the caller may not open.
	 */
	@Transactional
	public java.util.Map<PatientId, PatientSummary> summaries(java.util.Collection<PatientId> ids) {
		access.require(TYPE, Interaction.READ, null, null);
		java.util.Set<Long> hidden = access.hiddenPatients();
		java.util.Map<PatientId, PatientSummary> result = new java.util.LinkedHashMap<>();
		java.util.Map<Long, PatientRepository.PatientSummaryRow> rows = patients
			.summaries(ids.stream().map(PatientId::value).distinct().toList());
		List<AuditEntry> reads = new ArrayList<>();
		for (PatientId id : ids) {
			PatientRepository.PatientSummaryRow row = rows.get(id.value());
			if (row == null || result.containsKey(id)) {
				continue;
			}
			PatientSummary summary = row.mergedInto() == 0 ? row.summary() : survivor(load(id)).summary();
			if (hidden.contains(summary.id().value())) {
				continue;
			}
			String shown = summary.id().asString();
			reads.add(AuditEntry.success(AuditAction.READ, TYPE, shown, shown));
			result.put(id, summary);
		}
		audit.recordAll(reads);
		return result;
	}

	/**
	 * Whether a patient with this id exists (merged or not). Ids only, so not audited.
	 */
	@Transactional(readOnly = true)
	public boolean exists(PatientId id) {
		return patients.exists(id.value());
	}

	/**
	 * The id of the patient with this MRN, for finding a patient's entries in the audit
	 * log. Ids only, so not audited.
	 */
	@Transactional(readOnly = true)
	public Optional<PatientId> idOfMrn(String mrn) {
		String value = mrn.strip();
		return Mrn.isValid(value) ? idOf(Identifier.mrn(value)) : Optional.empty();
	}

	/**
	 * The id of the patient (merged or not) holding this identifier, for resolving an
	 * operation's input. Ids only, so not audited.
	 */
	@Transactional(readOnly = true)
	public Optional<PatientId> idOf(Identifier identifier) {
		return patients.findByIdentifier(identifier.system(), identifier.value()).map(PatientId::new);
	}

	/**
	 * The ids of the patients (merged or not) holding an identifier with this value in
	 * any system, for resolving a condition that names no system. Ids only, so not
	 * audited.
	 */
	@Transactional(readOnly = true)
	public List<PatientId> idsOfValue(String value) {
		return patients.findByIdentifierValue(value.strip()).stream().map(PatientId::new).toList();
	}

	/**
	 * Ids of unmerged patients in registration order, for other modules' demo seeding.
	 * Not audited.
	 */
	@Transactional(readOnly = true)
	public List<PatientId> idsForDemo(int limit) {
		return patients.idsInRegistrationOrder(limit).stream().map(PatientId::new).toList();
	}

	/**
	 * Registers a patient with a new MRN, in one statement (no transaction of its own).
	 */
	public Patient register(PatientData data) {
		access.require(TYPE, Interaction.CREATE, null, null);
		data.requireBornBy(clock);
		return insert(data);
	}

	/**
	 * Registers the patient unless one already holds the identifier, in which case that
	 * one (or its survivor) is answered. Concurrent callers with the same identifier are
	 * serialised by a transaction-scoped advisory lock, so exactly one patient results.
	 */
	@Transactional
	public Registration registerIfAbsent(Identifier identifier, PatientData data) {
		access.require(TYPE, Interaction.CREATE, null, null);
		data.requireBornBy(clock);
		patients.lockIdentifier(identifier);
		Optional<Long> existing = patients.findByIdentifier(identifier.system(), identifier.value());
		if (existing.isPresent()) {
			Patient patient = survivor(load(new PatientId(existing.get())));
			auditRead(patient.id());
			return new Registration(patient, false);
		}
		return new Registration(insert(data), true);
	}

	/** The outcome of a conditional registration. */
	public record Registration(Patient patient, boolean created) {
	}

	/**
	 * Replaces the registered data if the patient is still at {@code expectedVersion};
	 * the MRN never changes.
	 * @throws VersionConflictException when someone else updated the patient since
	 */
	@Transactional
	public Patient update(PatientId id, int expectedVersion, PatientData data) {
		access.require(TYPE, Interaction.UPDATE, id.asString(), id.asString());
		data.requireBornBy(clock);
		Patient current = load(id);
		if (current.isMerged()) {
			throw new ConflictException(
					"Patient " + id + " was merged into " + current.mergedInto() + "; update the surviving patient");
		}
		Instant now = clock.instant();
		if (!patients.update(id.value(), expectedVersion, data, now)) {
			throw new VersionConflictException("Patient " + id + " is at version " + load(id).version()
					+ ", not at the expected version " + expectedVersion);
		}
		writeIdentifiers(id.value(), data.identifiers());
		patients.replaceTokens(id.value(), data);
		patients.snapshot(id.value(), now);
		audit.record(AuditEntry.success(AuditAction.UPDATE, TYPE, id.asString(), id.asString()));
		changes.append(TYPE, id.asString(), id.asString(), ChangeOperation.UPDATE);
		return load(id);
	}

	/**
	 * Finds patients the way staff type (see {@link PatientQuery}). Audited in one
	 * statement: a summary row of the search (counts only), then one row per patient on
	 * the page, so that "who saw this patient" includes result lists.
	 */
	@Transactional
	public PatientPage search(PatientQuery query) {
		access.require(TYPE, Interaction.SEARCH, null, null);
		java.util.Set<Long> hidden = access.hiddenPatients();
		PatientSearchRepository.Hits hits = searches.search(query, hidden, false);
		List<Patient> found = patients.findAll(hits.ids());
		List<AuditEntry> entries = new ArrayList<>(found.size() + 1);
		entries.add(new AuditEntry(AuditAction.SEARCH, TYPE, null, null, AuditOutcome.SUCCESS,
				found.size() + " of " + hits.total() + " results"));
		for (int i = 0; i < found.size(); i++) {
			String id = found.get(i).id().asString();
			entries.add(new AuditEntry(AuditAction.SEARCH, TYPE, id, id, AuditOutcome.SUCCESS,
					"result " + (query.offset() + i + 1) + " of " + hits.total()));
		}
		List<PatientPage.RestrictedHit> restricted = hidden.isEmpty() || query.offset() > 0 ? List.of()
				: restrictedHits(query, hidden, entries);
		audit.recordAll(entries);
		return new PatientPage(found, hits.total(), query.offset(), restricted);
	}

	/**
	 * Up to ten matching restricted records the caller may not open, by name and birth
	 * date only, each audited as a {@link AccessControl#RESTRICTED_LISTING}.
	 */
	private List<PatientPage.RestrictedHit> restrictedHits(PatientQuery query, java.util.Set<Long> hidden,
			List<AuditEntry> entries) {
		List<PatientPage.RestrictedHit> hits = new ArrayList<>();
		for (Patient patient : patients.findAll(searches.search(query.page(10, 0), hidden, true).ids())) {
			String id = patient.id().asString();
			entries.add(new AuditEntry(AuditAction.SEARCH, AccessControl.RESTRICTED_LISTING, id, id,
					AuditOutcome.SUCCESS, "restricted record listed: name and birth date"));
			hits.add(new PatientPage.RestrictedHit(patient.id(), patient.family(), patient.given(),
					patient.birthDate()));
		}
		return hits;
	}

	/**
	 * One statement writes the patient with its audit row and change: outside a
	 * transaction it commits on its own, inside one it joins it.
	 */
	private Patient insert(PatientData data) {
		Instant now = clock.instant();
		String mrn = Mrn.fromSequence(patients.nextMrnNumber()).value();
		StatementChange change = changes.inStatement(TYPE, ChangeOperation.CREATE);
		PatientRepository.NewRow row;
		try {
			row = patients.insertNew(mrn, data, now,
					audit.inStatement(AuditEntry.success(AuditAction.CREATE, TYPE, null, null)), change);
		}
		catch (DuplicateKeyException ex) {
			throw takenIdentifier(data.identifiers());
		}
		change.afterStatement();
		return asStored(row, mrn, data);
	}

	/**
	 * The conflict for the first identifier another patient holds, looked up in a
	 * transaction of its own: the registration's statement failed, and with it any
	 * transaction it ran in.
	 */
	private ConflictException takenIdentifier(List<Identifier> identifiers) {
		return separateReadOnly.execute(status -> {
			for (Identifier identifier : identifiers) {
				Optional<Long> holder = patients.findByIdentifier(identifier.system(), identifier.value());
				if (holder.isPresent()) {
					return new ConflictException("The " + (identifier.isSsin() ? "national number" : "identifier")
							+ " is already registered for patient " + holder.get());
				}
			}
			return new ConflictException("An identifier of the patient is already registered for another");
		});
	}

	/**
	 * The patient just inserted, as {@link #load} would read it back: the MRN first,
	 * given names as stored (space-separated), the database's timestamp.
	 */
	private static Patient asStored(PatientRepository.NewRow row, String mrn, PatientData data) {
		List<Identifier> identifiers = new ArrayList<>();
		identifiers.add(Identifier.mrn(mrn));
		data.identifiers().stream().filter(i -> !i.isMrn()).forEach(identifiers::add);
		List<String> given = data.given().isEmpty() ? List.of()
				: java.util.Arrays.asList(String.join(" ", data.given()).split(" "));
		PatientData stored = new PatientData(identifiers, data.family(), given, data.prefix(), data.birthDate(),
				data.gender(), data.address(), data.phone(), data.email(), data.language(), data.deceased(),
				data.names(), data.telecoms());
		return new Patient(new PatientId(row.id()), 1, mrn, stored, null, row.updatedAt(), List.of());
	}

	private void writeIdentifiers(long id, List<Identifier> identifiers) {
		List<Identifier> others = new ArrayList<>();
		for (Identifier identifier : identifiers) {
			if (!identifier.isMrn()) {
				others.add(identifier);
			}
			Optional<Long> holder = patients.findByIdentifier(identifier.system(), identifier.value());
			if (holder.isPresent() && holder.get() != id) {
				throw new ConflictException("The " + (identifier.isSsin() ? "national number" : "identifier")
						+ " is already registered for patient " + holder.get());
			}
		}
		try {
			patients.replaceIdentifiers(id, others);
		}
		catch (DuplicateKeyException ex) {
			throw new ConflictException("An identifier of patient " + id + " is already registered for another");
		}
	}

	Patient load(PatientId id) {
		return patients.find(id.value()).orElseThrow(() -> new PatientNotFoundException("No patient " + id));
	}

	private Patient survivor(Patient patient) {
		Patient current = patient;
		for (int hops = 0; current.mergedInto() != null && hops < 20; hops++) {
			current = load(current.mergedInto());
		}
		return current;
	}

	private void auditRead(PatientId id) {
		audit.recordRead(AuditEntry.success(AuditAction.READ, TYPE, id.asString(), id.asString()));
	}

}
