package continuum.imaging.fhir;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.TokenParam;
import continuum.fhir.HistoryPages;
import continuum.fhir.InstantRange;
import continuum.fhir.RankedMatch;
import continuum.fhir.ResourceIds;
import continuum.fhir.ServiceRequestSearch;
import continuum.fhir.ServiceRequestSource;
import continuum.imaging.ImagingOrderNotFoundException;
import continuum.imaging.ImagingRequest;
import continuum.imaging.ImagingRequestHistoryService;
import continuum.imaging.ImagingRequestQuery;
import continuum.imaging.ImagingRequestService;
import continuum.imaging.ProcedureStatus;
import continuum.patients.HistoryPage;
import continuum.patients.HistoryQuery;
import continuum.patients.PatientId;
import continuum.patients.fhir.PatientResources;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Radiology's ServiceRequests, one per requested procedure, ids {@code img-<n>}: read,
 * vread and {@code _history} of the kept versions ({@link ImagingRequestHistoryService});
 * create (category imaging) = a one-procedure order placed as the chart places it; update
 * = revocation only, the chart's cancellation; search by {@code patient}, {@code code}
 * (the catalogue's), {@code status}, {@code category} (imaging), {@code authored},
 * {@code identifier} (accession number, placer number or Study Instance UID) and the
 * parameters every type has, with {@code _include=ServiceRequest:patient}.
 */
@Component
@Order(2)
class ImagingServiceRequestSource implements ServiceRequestSource {

	private final ImagingRequestService requests;

	private final ImagingOrderRequests orders;

	private final PatientResources patients;

	private final ImagingRequestHistoryService history;

	ImagingServiceRequestSource(ImagingRequestService requests, ImagingOrderRequests orders, PatientResources patients,
			ImagingRequestHistoryService history) {
		this.history = history;
		this.requests = requests;
		this.orders = orders;
		this.patients = patients;
	}

	@Override
	public String describe() {
		return "imaging (SNOMED CT " + ImagingStudyCodes.IMAGING + ")";
	}

	@Override
	public boolean owns(String id) {
		return id.startsWith(ImagingRequest.PREFIX);
	}

	@Override
	public boolean categorises(CodeableConcept category) {
		return ImagingStudyCodes.imaging(category);
	}

	@Override
	public boolean orders(CodeableConcept code) {
		return code.getCoding().stream().anyMatch(c -> c.hasCode() && orders.known(c).isPresent());
	}

	@Override
	public ServiceRequest read(IdType id) {
		Integer version = ResourceIds.version(id);
		return ImagingRequestMapper
			.toFhir(version == null ? requests.get(procedure(id)) : history.version(procedure(id), version));
	}

	@Override
	public IBundleProvider history(IdType id, HistoryPages.Window window) {
		HistoryPage<ImagingRequest> page = history.history(procedure(id),
				new HistoryQuery(window.since(), window.size(), window.first()));
		return HistoryPages.page(page.versions().stream().map(ImagingServiceRequestSource::toFhir).toList(),
				page.total(), window);
	}

	@Override
	public HistoryPages.Source history() {
		return new HistoryPages.Source() {

			@Override
			public HistoryPages.Keys keys(@Nullable Instant since, int limit) {
				HistoryPage<ImagingRequestHistoryService.VersionKey> keys = history.versionKeys(since, limit);
				return new HistoryPages.Keys(
						keys.versions().stream().map(k -> new HistoryPages.Key(k.at(), k)).toList(), keys.total());
			}

			@Override
			public List<ServiceRequest> versions(List<HistoryPages.Key> chosen, int total) {
				return history
					.versions(chosen.stream().map(k -> (ImagingRequestHistoryService.VersionKey) k.key()).toList(),
							total)
					.stream()
					.map(ImagingServiceRequestSource::toFhir)
					.toList();
			}

		};
	}

	private static ServiceRequest toFhir(ImagingRequest version) {
		return HistoryPages.version(ImagingRequestMapper.toFhir(version), false);
	}

	@Override
	public ServiceRequest create(ServiceRequest resource) {
		return ImagingRequestMapper.toFhir(orders.place(resource));
	}

	@Override
	public ServiceRequest update(IdType id, @Nullable Integer expectedVersion, ServiceRequest resource) {
		return ImagingRequestMapper.toFhir(orders.change(procedure(id), expectedVersion, resource));
	}

	@Override
	public boolean mayMatch(ServiceRequestSearch search) {
		TokenParam category = search.category();
		if (search.requisition() != null) {
			return false;
		}
		if (category == null) {
			return true;
		}
		String system = category.getSystem() == null ? "" : category.getSystem();
		return ImagingStudyCodes.IMAGING.equals(category.getValue())
				&& (system.isEmpty() || system.equals(ImagingStudyCodes.SNOMED));
	}

	@Override
	public Page search(ServiceRequestSearch search, int first, int size) {
		Optional<ImagingRequestQuery> query = query(search, first, size);
		if (query.isEmpty()) {
			return Page.EMPTY;
		}
		ImagingRequestService.Page page = requests.search(query.get());
		List<ServiceRequest> matches = page.requests().stream().map(ImagingRequestMapper::toFhir).toList();
		List<IBaseResource> included = new ArrayList<>();
		if (search.includes("ServiceRequest:patient")) {
			new LinkedHashSet<>(page.requests().stream().map(r -> r.order().patient()).toList())
				.forEach(p -> included.add(patients.read(p)));
		}
		return new Page(matches, included, page.total());
	}

	@Override
	public RankedMatch.Ranking rank(ServiceRequestSearch search, int limit) {
		return query(search, 0, limit).map(q -> requests.rank(q, limit)).orElse(RankedMatch.Ranking.EMPTY);
	}

	/** The query the search asks of radiology; empty when it can match nothing. */
	private Optional<ImagingRequestQuery> query(ServiceRequestSearch search, int first, int size) {
		Optional<PatientId> who = PatientResources.searched(search.patient());
		Optional<String> code = search.code() == null ? Optional.empty() : code(search.code());
		Set<ProcedureStatus> statuses = EnumSet.noneOf(ProcedureStatus.class);
		if (search.status() != null) {
			search.status().getValuesAsQueryTokens().forEach(t -> statuses.addAll(statuses(t.getValue())));
		}
		Identifiers identifier = search.identifier() == null ? Identifiers.NONE : identifiers(search.identifier());
		if ((search.patient() != null && who.isEmpty()) || (search.code() != null && code.isEmpty())
				|| (search.status() != null && statuses.isEmpty()) || identifier == null) {
			return Optional.empty();
		}
		InstantRange authored = InstantRange.of(search.authored());
		return Optional.of(new ImagingRequestQuery(who.orElse(null), code.orElse(null), statuses, authored.from(),
				authored.until(), null, null, identifier.accession(), identifier.placer(), identifier.either(),
				identifier.studyUid(), size, first, search.controls()));
	}

	private static long procedure(IdType id) {
		String idPart = id.getIdPart() == null ? "" : id.getIdPart();
		return ImagingRequest.procedureOf(idPart)
			.orElseThrow(() -> new ImagingOrderNotFoundException("No imaging ServiceRequest " + idPart));
	}

	/** The catalogue code a token names in its scheme's system (or bare). */
	private Optional<String> code(TokenParam token) {
		String value = token.getValue() == null ? "" : token.getValue();
		if (token.getSystem() == null || token.getSystem().isEmpty()) {
			return value.isBlank() ? Optional.empty() : Optional.of(value);
		}
		return orders.known(new Coding(token.getSystem(), value, null)).map(p -> p.code());
	}

	private static Set<ProcedureStatus> statuses(String code) {
		return switch (code == null ? "" : code) {
			case "active" -> EnumSet.of(ProcedureStatus.SCHEDULED, ProcedureStatus.IN_PROGRESS);
			case "completed" -> EnumSet.of(ProcedureStatus.COMPLETED);
			case "revoked" -> EnumSet.of(ProcedureStatus.CANCELLED, ProcedureStatus.DISCONTINUED);
			default -> EnumSet.noneOf(ProcedureStatus.class);
		};
	}

	/** What an {@code identifier} token names; null when it names nothing of ours. */
	private record Identifiers(@Nullable String accession, @Nullable String placer, @Nullable String either,
			@Nullable String studyUid) {

		static final Identifiers NONE = new Identifiers(null, null, null, null);

	}

	private static @Nullable Identifiers identifiers(TokenParam token) {
		String system = token.getSystem() == null ? "" : token.getSystem();
		String value = token.getValue() == null ? "" : token.getValue();
		if (value.isBlank()) {
			return null;
		}
		String uid = value.startsWith(ImagingStudyCodes.OID_PREFIX)
				? value.substring(ImagingStudyCodes.OID_PREFIX.length()) : null;
		return switch (system) {
			case ImagingStudyCodes.ACCESSION_SYSTEM -> new Identifiers(value, null, null, null);
			case ImagingStudyCodes.PLACER_SYSTEM -> new Identifiers(null, value, null, null);
			case ImagingStudyCodes.DICOM_UID -> uid == null ? null : new Identifiers(null, null, null, uid);
			case "" -> uid == null ? new Identifiers(null, null, value, null) : new Identifiers(null, null, null, uid);
			default -> null;
		};
	}

}
