package continuum.scheduling.fhir;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

import ca.uhn.fhir.model.api.Include;
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
import continuum.fhir.HistoryPages;
import continuum.fhir.IfMatch;
import continuum.fhir.JsonPatches;
import continuum.fhir.Paging;
import continuum.fhir.ResourceIds;
import continuum.fhir.SearchControls;
import continuum.patients.HistoryPage;
import continuum.platform.InvalidInputException;
import continuum.scheduling.AppointmentType;
import continuum.scheduling.AvailabilityService;
import continuum.scheduling.ScheduleId;
import continuum.scheduling.ScheduleService;
import continuum.scheduling.SchedulingHistoryService;
import continuum.scheduling.SlotId;
import continuum.scheduling.SlotQuery;
import continuum.scheduling.SlotStatus;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Slot;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * FHIR Slot: read, vread and {@code _history} of its kept versions, search by
 * {@code schedule}, {@code start}, {@code status}, {@code service-type} and the
 * parameters every type has ({@code _id}, {@code _lastUpdated}, {@code _sort} by
 * {@code start}), in start order unless sorted otherwise (with a {@code total} only on
 * the last page, unless {@code _total=accurate}), create (an extra slot, free or
 * busy-unavailable) and update (block with {@code busy-unavailable} or free again, with
 * {@code If-Match}; or a JSON Patch of the current version). A slot becomes busy only by
 * booking an Appointment on it.
 */
@Component
public class SlotResourceProvider implements IResourceProvider {

	/** The search window when the client gives no {@code start}. */
	private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

	private static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

	private final AvailabilityService availability;

	private final SchedulingHistoryService history;

	private final ScheduleService schedules;

	private final Clock clock;

	SlotResourceProvider(AvailabilityService availability, SchedulingHistoryService history, ScheduleService schedules,
			Clock clock) {
		this.schedules = schedules;
		this.availability = availability;
		this.history = history;
		this.clock = clock;
	}

	@Override
	public Class<Slot> getResourceType() {
		return Slot.class;
	}

	@Read(version = true)
	public Slot read(@IdParam IdType id) {
		SlotId slot = new SlotId(ResourceIds.of(id));
		Integer version = ResourceIds.version(id);
		return SchedulingMapper.toFhir(version == null ? availability.get(slot) : history.slotVersion(slot, version));
	}

	/**
	 * {@code GET Slot/{id}/_history}: its kept versions, newest first; a free slot
	 * deleted when its schedule's slots were generated again ends with its deletion.
	 */
	@History
	public IBundleProvider history(@IdParam IdType id, @Since @Nullable InstantType since,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count, RequestDetails request) {
		HistoryPages.Window window = HistoryPages.window(request, since, offset, count);
		return page(history.slotHistory(new SlotId(ResourceIds.of(id)), ScheduleResourceProvider.query(window)),
				window);
	}

	/** {@code GET Slot/_history}: every slot's kept versions, newest first. */
	@History
	public IBundleProvider typeHistory(@Since @Nullable InstantType since, @Offset @Nullable Integer offset,
			@Count @Nullable Integer count, RequestDetails request) {
		HistoryPages.Window window = HistoryPages.window(request, since, offset, count);
		return page(history.slotHistory(ScheduleResourceProvider.query(window)), window);
	}

	private static IBundleProvider page(HistoryPage<SchedulingHistoryService.SlotVersion> page,
			HistoryPages.Window window) {
		return HistoryPages.page(page.versions()
			.stream()
			.map(v -> HistoryPages.version(SchedulingMapper.toFhir(v.slot()), v.deleted()))
			.toList(), page.total(), window);
	}

	@Create
	public MethodOutcome create(@ResourceParam Slot resource) {
		long schedule = ResourceIds.required(resource.getSchedule(), "Schedule", "Slot.schedule");
		if (!resource.hasStart() || !resource.hasEnd()) {
			throw new InvalidInputException("A slot needs a start and an end");
		}
		AppointmentType type = type(resource);
		SlotStatus status = resource.hasStatus() ? SlotStatus.ofCode(resource.getStatus().toCode())
			.orElseThrow(() -> new InvalidInputException("Unknown slot status")) : SlotStatus.FREE;
		Slot created = SchedulingMapper.toFhir(availability.add(new ScheduleId(schedule), type,
				resource.getStart().toInstant(), resource.getEnd().toInstant(), status));
		return new MethodOutcome(created.getIdElement(), true).setResource(created);
	}

	@Update
	public MethodOutcome update(@IdParam IdType id, @ResourceParam Slot resource, RequestDetails request) {
		SlotId slot = new SlotId(ResourceIds.of(id));
		Integer expected = IfMatch.version(id, request);
		continuum.scheduling.Slot current = availability.get(slot);
		if (!resource.hasStatus()) {
			throw new InvalidInputException("A slot update sets its status (free or busy-unavailable)");
		}
		if ((resource.hasStart() && !resource.getStart().toInstant().equals(current.start()))
				|| (resource.hasEnd() && !resource.getEnd().toInstant().equals(current.end()))) {
			throw new InvalidInputException("A slot's times cannot change; block it and add another");
		}
		SlotStatus target = SlotStatus.ofCode(resource.getStatus().toCode())
			.filter(s -> s != SlotStatus.BUSY)
			.orElseThrow(() -> new InvalidInputException(
					"A slot update sets free or busy-unavailable; it becomes busy by booking an Appointment"));
		Slot updated = SchedulingMapper.toFhir(availability.setBlocked(slot, target == SlotStatus.BLOCKED, expected));
		return new MethodOutcome(updated.getIdElement(), false).setResource(updated);
	}

	/**
	 * {@code PATCH Slot/{id}} with a JSON Patch: applied to the current version, then
	 * updated as a PUT would be, at that version.
	 */
	@Patch
	public MethodOutcome patch(@IdParam IdType id, PatchTypeEnum type, @ResourceParam @Nullable String body,
			RequestDetails request) {
		return JsonPatches.patch(id, type, body, request, this::read,
				(target, patched) -> update(target, patched, request));
	}

	@Search
	public IBundleProvider search(@OptionalParam(name = Slot.SP_SCHEDULE) @Nullable ReferenceParam schedule,
			@OptionalParam(name = Slot.SP_START) @Nullable DateRangeParam start,
			@OptionalParam(name = Slot.SP_STATUS) @Nullable TokenOrListParam status,
			@OptionalParam(name = Slot.SP_SERVICE_TYPE) @Nullable TokenParam serviceType,
			@OptionalParam(name = IAnyResource.SP_RES_ID) @Nullable TokenOrListParam ids,
			@OptionalParam(name = Constants.PARAM_LASTUPDATED) @Nullable DateAndListParam lastUpdated,
			@Sort @Nullable SortSpec sort, @IncludeParam(allow = { "Slot:schedule" }) @Nullable Set<Include> includes,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count, RequestDetails request) {
		SearchControls controls = SearchControls.of(ids, lastUpdated, sort, clock)
			.withText(Slot.SP_SERVICE_TYPE, serviceType);
		if (SearchControls.isText(serviceType)) {
			// service-type:text=... matches the appointment type's display, not a code.
			serviceType = null;
		}
		if (controls.matchesNothing()) {
			return Paging.empty();
		}
		Set<ScheduleId> schedules = Set.of();
		if (schedule != null) {
			OptionalLong id = ResourceIds.searched(schedule, "Schedule");
			if (id.isEmpty()) {
				return Paging.empty();
			}
			schedules = Set.of(new ScheduleId(id.getAsLong()));
		}
		Set<SlotStatus> statuses = EnumSet.noneOf(SlotStatus.class);
		if (status != null) {
			for (TokenParam token : status.getValuesAsQueryTokens()) {
				SlotStatus.ofCode(token.getValue()).ifPresent(statuses::add);
			}
			if (statuses.isEmpty()) {
				return Paging.empty();
			}
		}
		AppointmentType type = null;
		if (serviceType != null) {
			if (serviceType.getSystem() != null && !AppointmentType.SYSTEM.equals(serviceType.getSystem())) {
				return Paging.empty();
			}
			type = AppointmentType.ofCode(serviceType.getValue()).orElse(null);
			if (type == null) {
				return Paging.empty();
			}
		}
		Instant from = start == null || start.getLowerBoundAsInstant() == null ? EARLIEST
				: start.getLowerBoundAsInstant().toInstant();
		Instant to = start == null || start.getUpperBoundAsInstant() == null ? LATEST
				: start.getUpperBoundAsInstant().toInstant().plusMillis(1);
		if (!to.isAfter(from)) {
			return Paging.empty();
		}
		SlotQuery query = new SlotQuery(schedules, null, type, statuses, from, to, null, controls);
		Function<List<? extends IBaseResource>, List<? extends IBaseResource>> included = includes == null
				|| includes.isEmpty() ? page -> List.of() : this::schedulesOf;
		if (Paging.accurateTotal(request)) {
			return Paging.page(request, offset, count, () -> availability.count(query),
					(first, n) -> availability.search(query, n, first).stream().map(SchedulingMapper::toFhir).toList(),
					included);
		}
		return Paging.pageWithoutTotal(request, offset, count, () -> availability.count(query),
				(first, n) -> availability.search(query, n, first).stream().map(SchedulingMapper::toFhir).toList(),
				included);
	}

	/** The schedules of a page of slots, each once ({@code _include=Slot:schedule}). */
	private List<IBaseResource> schedulesOf(List<? extends IBaseResource> slots) {
		Set<String> ids = new LinkedHashSet<>();
		slots.forEach(slot -> ids.add(((Slot) slot).getSchedule().getReferenceElement().getIdPart()));
		List<IBaseResource> found = new ArrayList<>();
		ids.forEach(id -> found.add(SchedulingMapper.toFhir(schedules.get(new ScheduleId(Long.parseLong(id))))));
		return found;
	}

	private static AppointmentType type(Slot resource) {
		for (var concept : resource.getServiceType()) {
			for (var coding : concept.getCoding()) {
				if (AppointmentType.SYSTEM.equals(coding.getSystem())) {
					return AppointmentType.ofCode(coding.getCode())
						.orElseThrow(() -> new InvalidInputException("Unknown appointment type " + coding.getCode()));
				}
			}
		}
		throw new InvalidInputException("Slot.serviceType needs a coding of " + AppointmentType.SYSTEM);
	}

}
