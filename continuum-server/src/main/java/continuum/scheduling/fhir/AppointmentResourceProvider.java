package continuum.scheduling.fhir;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.annotation.ConditionalUrlParam;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.History;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.IncludeParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Patch;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Since;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.PatchTypeEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateAndListParam;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import continuum.fhir.ConditionalUpdate;
import continuum.fhir.HistoryPages;
import continuum.fhir.IfMatch;
import continuum.fhir.JsonPatches;
import continuum.fhir.Paging;
import continuum.fhir.ResourceIds;
import continuum.fhir.SearchControls;
import continuum.patients.PatientId;
import continuum.patients.fhir.PatientResources;
import continuum.platform.InvalidInputException;
import continuum.platform.VersionConflictException;
import continuum.scheduling.AppointmentHistory;
import continuum.scheduling.AppointmentId;
import continuum.scheduling.AppointmentQuery;
import continuum.scheduling.AppointmentService;
import continuum.scheduling.AppointmentStatus;
import continuum.scheduling.AvailabilityService;
import continuum.scheduling.BookingRequest;
import continuum.scheduling.SlotId;
import continuum.scheduling.SlotNotFoundException;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Reference;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * FHIR Appointment: read, vread and instance history; create = book the patient (the
 * participant whose actor is a Patient) into the referenced free Slots, all or nothing
 * (409 when one is taken, 422 when they do not fit together); update = a status change
 * with {@code If-Match}: {@code arrived}, {@code fulfilled}, {@code noshow}, or
 * {@code cancelled} with a {@code cancelationReason} (also conditional on {@code _id}, or
 * as a JSON Patch of the current version); search by {@code patient}, {@code date},
 * {@code status}, {@code actor} and {@code location}, in start order.
 */
@Component
public class AppointmentResourceProvider implements IResourceProvider {

	private final AppointmentService appointments;

	private final AvailabilityService availability;

	private final PatientResources patientResources;

	private final Clock clock;

	AppointmentResourceProvider(AppointmentService appointments, AvailabilityService availability,
			PatientResources patientResources, Clock clock) {
		this.patientResources = patientResources;
		this.clock = clock;
		this.appointments = appointments;
		this.availability = availability;
	}

	@Override
	public Class<Appointment> getResourceType() {
		return Appointment.class;
	}

	@Read(version = true)
	public Appointment read(@IdParam IdType id) {
		AppointmentId appointment = new AppointmentId(ResourceIds.of(id));
		Integer version = ResourceIds.version(id);
		return SchedulingMapper
			.toFhir(version == null ? appointments.get(appointment) : appointments.version(appointment, version));
	}

	/** {@code GET Appointment/{id}/_history}: its versions, newest first. */
	@History
	public IBundleProvider history(@IdParam IdType id, @Since @Nullable InstantType since,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count, RequestDetails request) {
		HistoryPages.Window window = HistoryPages.window(request, since, offset, count);
		return HistoryPages.page(appointments.history(new AppointmentId(ResourceIds.of(id)))
			.stream()
			.map(version -> HistoryPages.version(SchedulingMapper.toFhir(version), false))
			.toList(), window);
	}

	/**
	 * {@code GET Appointment/_history}: every appointment's versions the caller may open.
	 */
	@History
	public IBundleProvider typeHistory(@Since @Nullable InstantType since, @Offset @Nullable Integer offset,
			@Count @Nullable Integer count, RequestDetails request) {
		HistoryPages.Window window = HistoryPages.window(request, since, offset, count);
		AppointmentHistory page = appointments.history(window.since(), window.size(), window.first());
		return HistoryPages.page(
				page.versions().stream().map(v -> HistoryPages.version(SchedulingMapper.toFhir(v), false)).toList(),
				page.total(), window);
	}

	@Create
	public MethodOutcome create(@ResourceParam Appointment resource) {
		if (resource.hasStatus() && resource.getStatus() != Appointment.AppointmentStatus.BOOKED) {
			throw new InvalidInputException(
					"A new appointment is booked, not " + resource.getStatus().toCode() + "; book free slots");
		}
		List<PatientId> patients = new ArrayList<>();
		for (Appointment.AppointmentParticipantComponent participant : resource.getParticipant()) {
			if ("Patient".equals(participant.getActor().getReferenceElement().getResourceType())) {
				patients.add(new PatientId(
						ResourceIds.required(participant.getActor(), "Patient", "Appointment.participant.actor")));
			}
		}
		if (patients.size() != 1) {
			throw new InvalidInputException("An appointment has exactly one participant whose actor is a Patient");
		}
		List<SlotId> slots = new ArrayList<>();
		for (Reference slot : resource.getSlot()) {
			slots.add(new SlotId(ResourceIds.required(slot, "Slot", "Appointment.slot")));
		}
		checkTimes(resource, slots);
		BookingRequest request = new BookingRequest(patients.get(0), slots,
				resource.hasComment() ? resource.getComment() : null, false);
		Appointment created = SchedulingMapper.toFhir(appointments.book(request));
		return new MethodOutcome(created.getIdElement(), true).setResource(created);
	}

	@Update
	public MethodOutcome update(@IdParam @Nullable IdType id, @ResourceParam Appointment resource,
			@ConditionalUrlParam @Nullable String conditional, RequestDetails request) {
		if (id == null || !id.hasIdPart()) {
			return ConditionalUpdate.onId(conditional, "Appointment", request,
					target -> change(target, resource, request));
		}
		return change(id, resource, request);
	}

	/**
	 * {@code PATCH Appointment/{id}} with a JSON Patch: applied to the current version,
	 * then changed as a PUT would change it, at that version.
	 */
	@Patch
	public MethodOutcome patch(@IdParam IdType id, PatchTypeEnum type, @ResourceParam @Nullable String body,
			RequestDetails request) {
		return JsonPatches.patch(id, type, body, request, this::read,
				(target, patched) -> change(target, patched, request));
	}

	private MethodOutcome change(IdType id, Appointment resource, RequestDetails request) {
		AppointmentId appointment = new AppointmentId(ResourceIds.of(id));
		Integer expected = IfMatch.version(id, request);
		if (!resource.hasStatus()) {
			throw new InvalidInputException("An appointment update sets its status");
		}
		AppointmentStatus target = AppointmentStatus.ofCode(resource.getStatus().toCode())
			.orElseThrow(() -> new InvalidInputException(
					"Status " + resource.getStatus().toCode() + " is not one this server keeps"));
		continuum.scheduling.Appointment current = appointments.get(appointment);
		continuum.scheduling.Appointment changed;
		if (target == current.status()) {
			if (expected != null && expected != current.version()) {
				throw new VersionConflictException(
						"Appointment " + appointment + " is at version " + current.version() + ", not " + expected);
			}
			changed = current;
		}
		else if (target == AppointmentStatus.CANCELLED) {
			// The service checks the caller's right before it looks at the reason.
			String reason = SchedulingMapper.text(resource.getCancelationReason());
			changed = appointments.cancel(appointment, reason == null ? "" : reason, expected);
		}
		else {
			changed = appointments.changeStatus(appointment, target, expected);
		}
		Appointment updated = SchedulingMapper.toFhir(changed);
		return new MethodOutcome(updated.getIdElement(), false).setResource(updated);
	}

	@Search
	public IBundleProvider search(
			@OptionalParam(name = Appointment.SP_PATIENT,
					chainWhitelist = { "", "identifier", "name", "family", "given" }) @Nullable ReferenceParam patient,
			@OptionalParam(name = Appointment.SP_DATE) @Nullable DateRangeParam date,
			@OptionalParam(name = Appointment.SP_STATUS) @Nullable TokenOrListParam status,
			@OptionalParam(name = Appointment.SP_ACTOR) @Nullable ReferenceParam actor,
			@OptionalParam(name = Appointment.SP_LOCATION) @Nullable ReferenceParam location,
			@OptionalParam(name = IAnyResource.SP_RES_ID) @Nullable TokenOrListParam ids,
			@OptionalParam(name = Constants.PARAM_LASTUPDATED) @Nullable DateAndListParam lastUpdated,
			@Sort @Nullable SortSpec sort,
			@IncludeParam(allow = { "Appointment:patient" }) @Nullable Set<Include> includes,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count, RequestDetails request) {
		SearchControls controls = SearchControls.of(ids, lastUpdated, sort, clock);
		PatientId patientId = null;
		if (patient != null && (patient.getChain() == null || patient.getChain().isEmpty())) {
			patientId = PatientResources.searched(patient).orElse(null);
			if (patientId == null) {
				return Paging.empty();
			}
		}
		else if (patient != null) {
			controls = controls.withPatients(patientResources.patientsOf(patient));
			if (controls.matchesNothing()) {
				return Paging.empty();
			}
		}
		String actorReference = null;
		if (actor != null) {
			actorReference = ScheduleResourceProvider.reference(actor);
			if (actorReference == null) {
				return Paging.empty();
			}
			if (actorReference.startsWith("Patient/")) {
				OptionalLong id = ResourceIds.parse(actorReference.substring(8));
				if (id.isEmpty() || (patientId != null && patientId.value() != id.getAsLong())) {
					return Paging.empty();
				}
				patientId = new PatientId(id.getAsLong());
				actorReference = null;
			}
		}
		String locationReference = null;
		if (location != null) {
			locationReference = location.getResourceType() == null ? "Location/" + location.getIdPart()
					: ScheduleResourceProvider.reference(location);
			if (locationReference == null || !locationReference.startsWith("Location/")
					|| (actorReference != null && !actorReference.equals(locationReference))) {
				return Paging.empty();
			}
		}
		Set<AppointmentStatus> statuses = EnumSet.noneOf(AppointmentStatus.class);
		if (status != null) {
			for (TokenParam token : status.getValuesAsQueryTokens()) {
				AppointmentStatus.ofCode(token.getValue()).ifPresent(statuses::add);
			}
			if (statuses.isEmpty()) {
				return Paging.empty();
			}
		}
		Instant from = date == null || date.getLowerBoundAsInstant() == null ? null
				: date.getLowerBoundAsInstant().toInstant();
		Instant to = date == null || date.getUpperBoundAsInstant() == null ? null
				: date.getUpperBoundAsInstant().toInstant().plusMillis(1);
		AppointmentQuery query = new AppointmentQuery(patientId, null,
				locationReference != null ? locationReference : actorReference, null, statuses, from, to, controls);
		int size = Paging.size(request, count);
		int first = Paging.first(offset);
		List<continuum.scheduling.Appointment> page = size == 0 ? List.of() : appointments.search(query, size, first);
		List<IBaseResource> included = new ArrayList<>();
		if (includes != null && !includes.isEmpty()) {
			new LinkedHashSet<>(page.stream().map(continuum.scheduling.Appointment::patient).toList())
				.forEach(id -> included.add(patientResources.read(id)));
		}
		return Paging.page(page.stream().map(SchedulingMapper::toFhir).toList(), included, appointments.count(query),
				first, size);
	}

	/**
	 * The slots give the time; a client that also sends {@code start} or {@code end} must
	 * send theirs (an unknown slot is left for the booking to report).
	 */
	private void checkTimes(Appointment resource, List<SlotId> slots) {
		if (!resource.hasStart() && !resource.hasEnd()) {
			return;
		}
		for (SlotId id : slots) {
			continuum.scheduling.Slot slot;
			try {
				slot = availability.get(id);
			}
			catch (SlotNotFoundException ex) {
				continue;
			}
			if ((resource.hasStart() && !resource.getStart().toInstant().equals(slot.start()))
					|| (resource.hasEnd() && !resource.getEnd().toInstant().equals(slot.end()))) {
				throw new InvalidInputException("Appointment start and end must be those of slot " + id + " ("
						+ slot.start() + " to " + slot.end() + ")");
			}
		}
	}

}
